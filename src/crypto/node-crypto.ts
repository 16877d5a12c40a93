// node:crypto for RSA-OAEP, for signing and verification and for HMAC, when running in Node.
//
// Why: Node 22's WebCrypto runs jobs on libuv's thread pool, and a job that fails (an OAEP ciphertext that does not
// decrypt, a signature that does not verify) can leave an error on that thread's OpenSSL error queue. The next
// successful job on the same thread then aborts the whole process (`CipherJob::ToResult: Assertion failed:
// errors->Empty()`), so one bad ciphertext from a test could kill a Vitest worker. node:crypto's synchronous calls
// clear the queue on return, and with every failing operation here the RSA cipher jobs move too. Browsers do not have this problem and keep WebCrypto.
// Signing and HMAC are here for speed: the synchronous call costs a third to a half of WebCrypto's job for ECDSA,
// RSA and Ed25519 signatures and a tenth for HMAC (Node 22, this repo's bench), and it spares each call the round
// trip to the thread pool and back.
//
// `process.getBuiltinModule` (Node >= 22.3) loads node:crypto without an import statement, so bundlers never see it.
import type * as NodeCrypto from 'node:crypto';
import { latin1 } from './bytes.ts';

type Platform = { process?: { getBuiltinModule?: (id: string) => unknown } };

export const nodeCrypto = (globalThis as Platform).process?.getBuiltinModule?.('node:crypto') as
  typeof NodeCrypto | undefined;

/**
 * Parse a DER key; once more if the first parse fails, because under msw/node a stale error left on the main
 * thread's OpenSSL queue by a mocked TLS session makes the first parse of a valid key fail (see subtle.ts).
 */
function parseKey<T>(parse: () => T): T {
  try {
    return parse();
  } catch {
    return parse();
  }
}

/** 'SHA-256' → 'sha256'. */
const nodeHash = (webCryptoHash: string) => webCryptoHash.replace('-', '').toLowerCase();

export function nodeOaepEncrypt(
  node: typeof NodeCrypto,
  spki: Uint8Array,
  webCryptoHash: string,
  plaintext: Uint8Array,
): Uint8Array {
  const key = parseKey(() => node.createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }));
  return new Uint8Array(
    node.publicEncrypt(
      { key, padding: node.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: nodeHash(webCryptoHash) },
      plaintext,
    ),
  );
}

export function nodeOaepDecrypt(
  node: typeof NodeCrypto,
  pkcs8: Uint8Array,
  webCryptoHash: string,
  ciphertext: Uint8Array,
): Uint8Array | null {
  try {
    const key = parseKey(() =>
      node.createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }),
    );
    return new Uint8Array(
      node.privateDecrypt(
        { key, padding: node.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: nodeHash(webCryptoHash) },
        ciphertext,
      ),
    );
  } catch {
    return null;
  }
}

export interface NodeSignatureOptions {
  /** WebCrypto hash name ('SHA-256'), or null for Ed25519. */
  hash: string | null;
  padding?: 'pss' | 'pkcs1';
  saltLength?: number;
  dsaEncoding?: 'der' | 'ieee-p1363';
}

const MAX_PARSED_KEYS = 256;

/** A Buffer node:crypto returned, as a plain Uint8Array: a view when it owns its memory, else a copy. */
function plainBytes(b: Buffer): Uint8Array<ArrayBuffer> {
  return b.byteOffset === 0 && b.buffer.byteLength === b.length
    ? new Uint8Array(b.buffer as ArrayBuffer, 0, b.length)
    : new Uint8Array(b);
}

/**
 * Parsed keys by their DER bytes, most recently used last: parsing one costs more than the signature or the
 * verification. Keyed by the exact bytes, so two keys are never confused.
 */
class ParsedKeys {
  readonly #keys = new Map<string, NodeCrypto.KeyObject>();
  readonly #parse: (der: Buffer) => NodeCrypto.KeyObject;

  constructor(parse: (der: Buffer) => NodeCrypto.KeyObject) {
    this.#parse = parse;
  }

  get(der: Uint8Array): NodeCrypto.KeyObject {
    const id = latin1(der);
    let key = this.#keys.get(id);
    if (key) this.#keys.delete(id);
    else key = parseKey(() => this.#parse(Buffer.from(der)));
    this.#keys.set(id, key);
    if (this.#keys.size > MAX_PARSED_KEYS) this.#keys.delete(this.#keys.keys().next().value!);
    return key;
  }
}

const publicKeys =
  nodeCrypto && new ParsedKeys((key) => nodeCrypto!.createPublicKey({ key, format: 'der', type: 'spki' }));
const privateKeys =
  nodeCrypto && new ParsedKeys((key) => nodeCrypto!.createPrivateKey({ key, format: 'der', type: 'pkcs8' }));

function keyOptions(node: typeof NodeCrypto, key: NodeCrypto.KeyObject, options: NodeSignatureOptions) {
  const padding =
    options.padding === 'pss'
      ? node.constants.RSA_PKCS1_PSS_PADDING
      : options.padding === 'pkcs1'
        ? node.constants.RSA_PKCS1_PADDING
        : undefined;
  return { key, padding, saltLength: options.saltLength, dsaEncoding: options.dsaEncoding };
}

/** The signature (for ECDSA, DER unless the options say otherwise) over `message` with a PKCS#8 private key. */
export function nodeSign(
  node: typeof NodeCrypto,
  pkcs8: Uint8Array,
  message: Uint8Array,
  options: NodeSignatureOptions,
): Uint8Array {
  const key = privateKeys!.get(pkcs8);
  return plainBytes(
    node.sign(options.hash === null ? null : nodeHash(options.hash), message, keyOptions(node, key, options)),
  );
}

export function nodeVerify(
  node: typeof NodeCrypto,
  spki: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  options: NodeSignatureOptions,
): boolean {
  try {
    const key = publicKeys!.get(spki);
    return node.verify(
      options.hash === null ? null : nodeHash(options.hash),
      message,
      keyOptions(node, key, options),
      signature,
    );
  } catch {
    return false;
  }
}

/** HMAC(key, message) with a WebCrypto hash name ('SHA-256'); node:crypto has SHA-224 too. */
export function nodeHmac(
  node: typeof NodeCrypto,
  webCryptoHash: string,
  key: Uint8Array,
  message: Uint8Array,
): Uint8Array<ArrayBuffer> {
  return plainBytes(node.createHmac(nodeHash(webCryptoHash), key).update(message).digest());
}
