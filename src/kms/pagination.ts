/**
 * One pagination helper for every List* operation: Limit bounds, an opaque Marker that only the same listing
 * accepts, `Truncated: false` and no NextMarker on the last page, InvalidMarkerException otherwise.
 *
 * `paginate` pages an array already in memory (tags, rotations). `pageFrom` pages a store listing a chunk at a
 * time (keys, aliases, grants): it reads from the marker's position on and stops one item past the page, so a
 * page costs the same whatever the store holds. Both name the position of the last item in the marker, so a page
 * stays correct when items are added or removed between calls.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
 */
import { decodeBase64, encodeBase64 } from '../api/base64.ts';
import { InvalidMarkerException } from '../api/generated/exceptions.ts';

export interface Page<T> {
  items: T[];
  NextMarker?: string;
  Truncated: boolean;
}

export interface PageInput {
  Limit?: number;
  Marker?: string;
}

/** A position in a listing: a string, or an index position (strings and numbers, as the store orders them). */
export type Position = string | readonly (string | number)[];

// Padded standard base64 of UTF-8: only [A-Za-z0-9+/=], inside the model's MarkerType pattern [\u0020-\u00FF]*.
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export const isStringPosition = (p: unknown): p is string => typeof p === 'string';
export const isIndexPosition = (p: unknown): p is readonly (string | number)[] =>
  Array.isArray(p) && p.length > 0 && p.every((x) => typeof x === 'string' || Number.isFinite(x));

function encodeMarker(listing: string, position: Position): string {
  return encodeBase64(utf8.encode(JSON.stringify([listing, position])));
}

/** The position a Marker of `listing` names, or undefined without a Marker. Throws InvalidMarkerException. */
export function readMarker<P extends Position>(
  listing: string,
  marker: string | undefined,
  isPosition: (p: unknown) => p is P,
): P | undefined {
  if (marker === undefined) return undefined;
  try {
    const decoded = JSON.parse(strictUtf8.decode(decodeBase64(marker))) as unknown;
    if (Array.isArray(decoded) && decoded.length === 2 && decoded[0] === listing && isPosition(decoded[1])) {
      return decoded[1];
    }
  } catch {
    // falls to the error below
  }
  throw new InvalidMarkerException('Invalid marker');
}

function pageOf<T>(listing: string, items: T[], limit: number, positionOf: (item: T) => Position): Page<T> {
  if (items.length <= limit) return { items, Truncated: false };
  const page = items.slice(0, limit);
  return { items: page, Truncated: true, NextMarker: encodeMarker(listing, positionOf(page[limit - 1]!)) };
}

/**
 * Page through `items`, already sorted by `positionOf` (unique, ascending). The marker names the listing and the
 * last position returned.
 */
export function paginate<T>(
  listing: string,
  items: readonly T[],
  positionOf: (item: T) => string,
  request: PageInput,
  defaultLimit = 100,
): Page<T> {
  const after = readMarker(listing, request.Marker, isStringPosition);
  let start = after === undefined ? 0 : items.findIndex((item) => positionOf(item) > after);
  if (start < 0) start = items.length;
  const limit = request.Limit ?? defaultLimit;
  return pageOf(listing, items.slice(start, start + limit + 1), limit, positionOf);
}

/**
 * One page of a store listing read in chunks: `read(after, count)` returns up to `count` items after the
 * position `after` (from the start without it), in order. `keep` drops items the listing must not show (a key
 * past its deletion date); only the kept ones count toward the page.
 */
export async function pageFrom<T, P extends Position>(
  listing: string,
  request: PageInput,
  options: {
    defaultLimit: number;
    /** AWS documents a smaller range than the model allows for some listings: larger limits return this many. */
    maxLimit?: number;
    isPosition: (p: unknown) => p is P;
    positionOf: (item: T) => P;
    read: (after: P | undefined, count: number) => Promise<T[]>;
    keep?: (item: T) => boolean | Promise<boolean>;
  },
): Promise<Page<T>> {
  let after = readMarker(listing, request.Marker, options.isPosition);
  const limit = Math.min(request.Limit ?? options.defaultLimit, options.maxLimit ?? Infinity);
  const kept: T[] = [];
  for (;;) {
    const chunk = await options.read(after, limit + 1);
    for (const item of chunk) {
      if (!options.keep || (await options.keep(item))) kept.push(item);
      if (kept.length > limit) return pageOf(listing, kept, limit, options.positionOf);
    }
    if (chunk.length < limit + 1) return pageOf(listing, kept, limit, options.positionOf);
    after = options.positionOf(chunk[chunk.length - 1]!);
  }
}
