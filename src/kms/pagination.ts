/**
 * One pagination helper for every List* operation: Limit bounds, an opaque Marker that only the same listing
 * accepts, `Truncated: false` and no NextMarker on the last page, InvalidMarkerException otherwise.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
 */
import { decodeBase64, encodeBase64 } from '../api/base64.ts';
import { InvalidMarkerException } from '../api/generated/exceptions.ts';

export interface Page<T> {
  items: T[];
  NextMarker?: string;
  Truncated: boolean;
}

// Padded standard base64 of UTF-8: only [A-Za-z0-9+/=], inside the model's MarkerType pattern [\u0020-\u00FF]*.
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const encode = (s: string) => encodeBase64(utf8.encode(s));
/** Throws on anything that is not base64 of valid UTF-8. */
const decode = (s: string) => strictUtf8.decode(decodeBase64(s));

/**
 * Page through `items`, already sorted by `positionOf` (unique, ascending). The marker names the listing and the
 * last position returned, so a page stays correct when items are added or removed between calls.
 */
export function paginate<T>(
  listing: string,
  items: readonly T[],
  positionOf: (item: T) => string,
  request: { Limit?: number; Marker?: string },
  defaultLimit = 100,
): Page<T> {
  let start = 0;
  if (request.Marker !== undefined) {
    let after: string;
    try {
      const decoded = JSON.parse(decode(request.Marker)) as unknown;
      if (!Array.isArray(decoded) || decoded[0] !== listing || typeof decoded[1] !== 'string')
        throw new Error();
      after = decoded[1];
    } catch {
      throw new InvalidMarkerException('Invalid marker');
    }
    start = items.findIndex((item) => positionOf(item) > after);
    if (start < 0) start = items.length;
  }
  const limit = request.Limit ?? defaultLimit;
  const page = items.slice(start, start + limit);
  if (start + limit >= items.length) return { items: page, Truncated: false };
  return {
    items: page,
    Truncated: true,
    NextMarker: encode(JSON.stringify([listing, positionOf(page[page.length - 1]!)])),
  };
}
