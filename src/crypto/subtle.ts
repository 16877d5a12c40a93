// The platform's WebCrypto, and key import with one retry.
//
// Why the retry: under msw/node, an HTTPS agent that reuses a TLS session from an intercepted (mock) connection
// leaves an error in OpenSSL's per-thread error queue. Node's WebCrypto reads that queue when it parses the next
// SPKI/PKCS#8 key and fails with "Invalid keyData" although the key is valid. The failed call drains the queue, so
// importing again succeeds; a genuinely bad key fails twice and its error is thrown.

export const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

type ImportAlgorithm = AlgorithmIdentifier | RsaHashedImportParams | EcKeyImportParams;

function importOnce(
  format: 'raw' | 'spki' | 'pkcs8' | 'jwk',
  keyData: BufferSource | JsonWebKey,
  algorithm: ImportAlgorithm,
  extractable: boolean,
  usages: KeyUsage[],
): Promise<CryptoKey> {
  return format === 'jwk'
    ? subtle().importKey(format, keyData as JsonWebKey, algorithm, extractable, usages)
    : subtle().importKey(format, keyData as BufferSource, algorithm, extractable, usages);
}

export async function importKey(
  format: 'raw' | 'spki' | 'pkcs8' | 'jwk',
  keyData: BufferSource | JsonWebKey,
  algorithm: ImportAlgorithm,
  extractable: boolean,
  usages: KeyUsage[],
): Promise<CryptoKey> {
  try {
    return await importOnce(format, keyData, algorithm, extractable, usages);
  } catch {
    return importOnce(format, keyData, algorithm, extractable, usages);
  }
}
