// Tests for pagination.ts: Limit, opaque markers bound to one listing, the last page, and changes between pages.
import { expect, test } from 'vitest';
import { InvalidMarkerException } from '../api/generated/exceptions.ts';
import { paginate, type Page } from './pagination.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${String(i).padStart(3, '0')}`);
const self = (s: string) => s;
/** The model's MarkerType: 1 to 1024 characters matching ^[\u0020-\u00FF]*$. */
const MARKER_TYPE = /^[\u0020-\u00FF]{1,1024}$/;

/** Every page of a listing, following NextMarker until the end. */
function allPages(items: readonly string[], limit: number): Page<string>[] {
  const pages: Page<string>[] = [];
  let marker: string | undefined;
  do {
    const page = paginate('Test', items, self, { Limit: limit, Marker: marker });
    pages.push(page);
    marker = page.NextMarker;
  } while (marker !== undefined);
  return pages;
}

function invalidMarker(fn: () => unknown): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InvalidMarkerException);
}

test('returns at most Limit items, then the rest from NextMarker', () => {
  const first = paginate('Test', ids(5), self, { Limit: 2 });
  expect(first.items).toEqual(['id-000', 'id-001']);
  expect(first.Truncated).toBe(true);
  expect(first.NextMarker).toEqual(expect.any(String));
  const second = paginate('Test', ids(5), self, { Limit: 2, Marker: first.NextMarker });
  expect(second.items).toEqual(['id-002', 'id-003']);
  expect(second.Truncated).toBe(true);
});

test('pages through every item exactly once, ending with Truncated false and no NextMarker', () => {
  for (const [count, limit] of [
    [7, 3],
    [6, 3],
    [1, 1],
    [10, 1],
  ] as const) {
    const pages = allPages(ids(count), limit);
    expect(pages.flatMap((p) => p.items)).toEqual(ids(count));
    expect(pages).toHaveLength(Math.ceil(count / limit));
    const last = pages[pages.length - 1]!;
    expect(last).toEqual({ items: last.items, Truncated: false });
    expect('NextMarker' in last).toBe(false);
    for (const page of pages.slice(0, -1)) expect(page.Truncated).toBe(true);
  }
});

test('returns one untruncated page when everything fits, including an empty listing', () => {
  expect(paginate('Test', ids(3), self, { Limit: 3 })).toEqual({ items: ids(3), Truncated: false });
  expect(paginate('Test', ids(3), self, { Limit: 1000 })).toEqual({ items: ids(3), Truncated: false });
  expect(paginate('Test', [], self, {})).toEqual({ items: [], Truncated: false });
});

test('uses the default limit without Limit, 100 unless the listing says otherwise', () => {
  const page = paginate('Test', ids(250), self, {});
  expect(page.items).toHaveLength(100);
  expect(page.Truncated).toBe(true);
  expect(paginate('Test', ids(250), self, {}, 1000)).toEqual({ items: ids(250), Truncated: false });
  expect(paginate('Test', ids(250), self, {}, 7).items).toHaveLength(7);
});

test('rejects a marker from another listing', () => {
  const marker = paginate('ListAliases', ids(5), self, { Limit: 2 }).NextMarker;
  expect(marker).toBeDefined();
  invalidMarker(() => paginate('ListKeys', ids(5), self, { Marker: marker }));
});

test('rejects garbage markers with InvalidMarkerException', () => {
  const garbage = [
    'garbage',
    'bm90LWEtbWFya2Vy', // base64 of "not-a-marker"
    btoa('{"a":1}'),
    btoa('["Test"]'),
    btoa('["Test",5]'),
    btoa('"Test"'),
    btoa('\xff\xfe'), // not UTF-8
    '!!!!',
    '====',
    ' ',
  ];
  for (const marker of garbage) invalidMarker(() => paginate('Test', ids(5), self, { Marker: marker }));
});

test('rejects a marker with its base64 padding stripped, as strict base64 decoding does', () => {
  const marker = paginate('Test', ids(5), self, { Limit: 1 }).NextMarker!;
  expect(marker).toMatch(/=$/);
  invalidMarker(() => paginate('Test', ids(5), self, { Marker: marker.replace(/=+$/, '') }));
});

test('continues after the last item returned when items are removed between pages', () => {
  const items = ids(6);
  const first = paginate('Test', items, self, { Limit: 2 });
  expect(first.items).toEqual(['id-000', 'id-001']);
  // The last item of the page and the one after it are gone by the next call.
  const remaining = items.filter((id) => id !== 'id-001' && id !== 'id-002');
  const second = paginate('Test', remaining, self, { Limit: 2, Marker: first.NextMarker });
  expect(second.items).toEqual(['id-003', 'id-004']);
  const third = paginate('Test', remaining, self, { Limit: 2, Marker: second.NextMarker });
  expect(third).toEqual({ items: ['id-005'], Truncated: false });
});

test('returns an empty last page when everything after the marker was removed', () => {
  const first = paginate('Test', ids(4), self, { Limit: 2 });
  expect(paginate('Test', ids(2), self, { Limit: 2, Marker: first.NextMarker })).toEqual({
    items: [],
    Truncated: false,
  });
});

test('includes items added after the marker position between pages', () => {
  const first = paginate('Test', ['a', 'c', 'e'], self, { Limit: 1 });
  const second = paginate('Test', ['a', 'b', 'c', 'd', 'e'], self, { Limit: 2, Marker: first.NextMarker });
  expect(second.items).toEqual(['b', 'c']);
});

test('emits markers that fit the model MarkerType, for long and non-ASCII positions too', () => {
  const positions = ['alias/' + 'x'.repeat(250), '€'.repeat(128), '😀'.repeat(64), 'ascii'];
  for (const position of positions) {
    const items = [position, position + '~'];
    const marker = paginate('ListResourceTags', items, self, { Limit: 1 }).NextMarker!;
    expect(marker).toMatch(MARKER_TYPE);
    expect(marker).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(paginate('ListResourceTags', items, self, { Marker: marker }).items).toEqual([position + '~']);
  }
});

test('emits the same marker for the same listing and position, naming neither in plain text', () => {
  const a = paginate('ListKeys', ids(5), self, { Limit: 2 }).NextMarker!;
  const b = paginate('ListKeys', ids(9), self, { Limit: 2 }).NextMarker!;
  expect(a).toBe(b);
  expect(a).not.toContain('ListKeys');
  expect(a).not.toContain('id-001');
});

test('orders positions by plain string comparison through positionOf', () => {
  const items = [{ n: 'A' }, { n: 'B' }, { n: 'a' }, { n: 'b' }];
  const first = paginate('Test', items, (i) => i.n, { Limit: 2 });
  const second = paginate('Test', items, (i) => i.n, { Limit: 2, Marker: first.NextMarker });
  expect(second.items).toEqual([{ n: 'a' }, { n: 'b' }]);
});
