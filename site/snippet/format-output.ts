/**
 * How a snippet's results read in its `<output>`: values as JSON with bytes (Uint8Array) as base64 strings and the
 * SDK's `$metadata` left out; plain strings as they are; a failure as the AWS error name and message
 * (`NotFoundException: Key 'arn:…' does not exist`), exactly as the SDK reports it.
 */

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function replacer(this: unknown, key: string, value: unknown): unknown {
  if (key === '$metadata') return undefined;
  if (value instanceof Uint8Array) return bytesToBase64(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (value instanceof Uint8Array) return bytesToBase64(value);
  if (value instanceof Error) return formatError(value);
  return JSON.stringify(value, replacer, 2) ?? String(value);
}

/** One `console.log(a, b)` call: its arguments formatted, separated by spaces. */
export function formatLog(args: readonly unknown[]): string {
  return args.map(formatValue).join(' ');
}

export function formatError(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}
