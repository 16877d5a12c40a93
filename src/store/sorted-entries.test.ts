// Tests for sorted-entries.ts against a plain sorted array, across chunk splits and emptied chunks.

import { expect, test } from 'vitest';
import { SortedEntries } from './sorted-entries.ts';

const compare = (a: number, b: number) => a - b;

/** A small deterministic generator, so a failure replays. */
function numbers(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % below;
  };
}

function model() {
  const entries = new Map<number, string>();
  return {
    entries,
    page(after: number | undefined, limit = Infinity) {
      return [...entries.keys()]
        .sort(compare)
        .filter((key) => after === undefined || key > after)
        .slice(0, limit)
        .map((key) => entries.get(key)!);
    },
  };
}

test('random inserts, replacements and deletes read back in order, page by page, as a sorted array does', () => {
  const next = numbers(7);
  const sorted = new SortedEntries<number>(compare);
  const expected = model();
  // Enough entries for many chunks (128 each at most), and deletes enough to empty some.
  for (let step = 0; step < 20_000; step++) {
    const key = next(5_000);
    if (next(3) === 0) {
      sorted.delete(key);
      expected.entries.delete(key);
    } else {
      sorted.set(key, `id-${key}-${step}`);
      expected.entries.set(key, `id-${key}-${step}`);
    }
    if (step % 1_000 === 0) expect(sorted.page(undefined)).toEqual(expected.page(undefined));
  }
  expect(sorted.size).toBe(expected.entries.size);
  expect(sorted.page(undefined)).toEqual(expected.page(undefined));
  for (const after of [-1, 0, 1, 2_499, 4_998, 4_999, 10_000]) {
    for (const limit of [1, 20, 600]) {
      expect(sorted.page(after, limit)).toEqual(expected.page(after, limit));
    }
  }
  // Walking the whole set a page at a time visits every id once, in order.
  const walked: string[] = [];
  let after: number | undefined;
  for (;;) {
    const page = sorted.page(after, 20);
    if (page.length === 0) break;
    walked.push(...page);
    after = Number(page[page.length - 1]!.split('-')[1]);
  }
  expect(walked).toEqual(expected.page(undefined));
});

test('ascending and descending runs split chunks at either end; deleting everything leaves it empty', () => {
  const sorted = new SortedEntries<number>(compare);
  for (let key = 0; key < 3_000; key++) sorted.set(key, String(key));
  for (let key = -1; key >= -3_000; key--) sorted.set(key, String(key));
  expect(sorted.size).toBe(6_000);
  expect(sorted.page(undefined, 3)).toEqual(['-3000', '-2999', '-2998']);
  expect(sorted.page(2_996)).toEqual(['2997', '2998', '2999']);
  expect(sorted.page(-1, 2)).toEqual(['0', '1']);
  for (let key = -3_000; key < 3_000; key++) sorted.delete(key);
  expect(sorted.size).toBe(0);
  expect(sorted.page(undefined)).toEqual([]);
  sorted.delete(5);
  sorted.set(5, 'five');
  expect(sorted.page(undefined)).toEqual(['five']);
});
