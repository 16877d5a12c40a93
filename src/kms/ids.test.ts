// Tests for ids.ts: the random and the sequential id sources produce ids of the shapes KMS uses.
import { expect, test } from 'vitest';
import { isKeyId } from './arn.ts';
import { randomIds, sequentialIds } from './ids.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('sequential ids are lower-case v4 UUIDs that KMS accepts as key ids', () => {
  const ids = sequentialIds();
  for (let i = 0; i < 50; i++) {
    const id = ids.uuid();
    expect(id).toMatch(UUID_V4);
    expect(isKeyId(id)).toBe(true);
  }
});

test('sequential ids are distinct and repeat from the start for a new source', () => {
  const a = sequentialIds();
  const first = Array.from({ length: 300 }, () => a.uuid());
  expect(new Set(first).size).toBe(300);
  const b = sequentialIds();
  expect(b.uuid()).toBe(first[0]);
  expect(first[0]).toBe('00000000-0000-4000-8000-000000000001');
});

test('sequential sources with different prefixes do not collide', () => {
  const a = sequentialIds(1);
  const b = sequentialIds(2);
  const fromA = new Set(Array.from({ length: 100 }, () => a.uuid()));
  for (let i = 0; i < 100; i++) expect(fromA.has(b.uuid())).toBe(false);
});

test('sequential hex has exactly two lower-case hex digits per byte', () => {
  const ids = sequentialIds(7);
  for (const n of [1, 4, 16, 32]) expect(ids.hex(n)).toMatch(new RegExp(`^[0-9a-f]{${n * 2}}$`));
  const material = Array.from({ length: 20 }, () => ids.hex(32));
  expect(new Set(material).size).toBe(20);
});

test('sequential uuid and hex share one counter', () => {
  const ids = sequentialIds();
  expect(ids.uuid()).toMatch(/1$/);
  expect(ids.hex(4)).toBe('00000002');
  expect(ids.uuid()).toMatch(/3$/);
});

test('random ids have the same shapes and do not repeat', () => {
  const uuids = Array.from({ length: 100 }, () => randomIds.uuid());
  for (const id of uuids) expect(id).toMatch(UUID_V4);
  expect(new Set(uuids).size).toBe(100);
  expect(randomIds.hex(32)).toMatch(/^[0-9a-f]{64}$/);
  expect(randomIds.hex(32)).not.toBe(randomIds.hex(32));
});
