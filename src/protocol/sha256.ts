/**
 * SHA-256 and HMAC-SHA-256 in the shape @smithy/signature-v4 asks for (`new Sha256(secret?)`, `update`, `digest`),
 * on @noble/hashes, so signature verification runs the same in Node, the service worker and the page.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytes = (data: SourceData): Uint8Array =>
  typeof data === 'string'
    ? new TextEncoder().encode(data)
    : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

export class Sha256 {
  readonly #secret: Uint8Array | undefined;
  #hash: { update(data: Uint8Array): unknown; digest(): Uint8Array };

  constructor(secret?: SourceData) {
    this.#secret = secret === undefined ? undefined : bytes(secret);
    this.#hash = this.#fresh();
  }

  #fresh() {
    return this.#secret ? hmac.create(sha256, this.#secret) : sha256.create();
  }

  update(data: SourceData): void {
    this.#hash.update(bytes(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.#hash.digest());
  }

  reset(): void {
    this.#hash = this.#fresh();
  }
}
