/**
 * Sign/Verify and GenerateMac/VerifyMac inside Chromium through the real service worker, one key per family.
 * Each signature is also checked here in the test process, outside kmsw: node:crypto (OpenSSL) for RSA, ECDSA
 * (P-256, secp256k1) and Ed25519 with the PublicKey from GetPublicKey, @noble for Ed25519ph and ML-DSA (raw key
 * taken from the SPKI with asn1js), the SM2DSA reference of the integration tests, and node:crypto createHmac
 * with the HMAC key read back from the page's IndexedDB store.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html
 */
import { constants, createHash, createHmac, createPublicKey, verify as nodeVerify } from 'node:crypto';
import type { KeySpec, MessageType, SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { ed25519ph } from '@noble/curves/ed25519.js';
import { ml_dsa44 } from '@noble/post-quantum/ml-dsa.js';
import * as asn1js from 'asn1js';
import type { Page } from '@playwright/test';
import { sm2Digest, sm2Verify } from '../test/support/reference-crypto.ts';
import { expect, test } from './fixtures.ts';

const MESSAGE = Buffer.from('kmsw signs this in Chromium, behind the service worker');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const sha256 = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());
const sha512 = (data: Uint8Array) => new Uint8Array(createHash('sha512').update(data).digest());

interface SignRun {
  algorithm: SigningAlgorithmSpec;
  messageType: MessageType;
  /** base64 */
  message: string;
}

interface SignCase {
  spec: KeySpec;
  region: string;
  runs: SignRun[];
}

interface SignedInPage {
  spec: string;
  /** Set instead of the rest when a call failed in the page. */
  error?: string;
  /** base64 DER SPKI from GetPublicKey */
  publicKey: string;
  publicKeySpec?: string;
  publicKeyUsage?: string;
  signingAlgorithms?: string[];
  runs: {
    algorithm: string;
    /** base64 */
    signature: string;
    signedAlgorithm?: string;
    valid?: boolean;
    /** The error name Verify answered for the signature over another message. */
    tampered: string;
  }[];
}

/**
 * In the page, for every case at once: CreateKey, GetPublicKey, then per run Sign, Verify, and Verify of another
 * message. A case whose calls fail comes back with `error`, so the other cases are still checked.
 */
async function signInPage(page: Page, cases: SignCase[]): Promise<Map<KeySpec, SignedInPage>> {
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const results = await page.evaluate(
    (cases) =>
      Promise.all(
        cases.map(async ({ spec, region, runs }) => {
          const { clientIn, commands, toBase64, fromBase64 } = window.kmsw;
          const client = clientIn(region);
          try {
            const created = await client.send(
              new commands.CreateKeyCommand({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' }),
            );
            const keyId = created.KeyMetadata?.KeyId ?? '';
            const pub = await client.send(new commands.GetPublicKeyCommand({ KeyId: keyId }));
            const results = [];
            for (const run of runs) {
              const message = fromBase64(run.message);
              const common = { KeyId: keyId, SigningAlgorithm: run.algorithm, MessageType: run.messageType };
              const signed = await client.send(new commands.SignCommand({ ...common, Message: message }));
              const signature = signed.Signature ?? new Uint8Array();
              const verified = await client.send(
                new commands.VerifyCommand({ ...common, Message: message, Signature: signature }),
              );
              const other = message.slice();
              other[0] = (other[0] ?? 0) ^ 1;
              let tampered = 'SignatureValid';
              try {
                await client.send(
                  new commands.VerifyCommand({ ...common, Message: other, Signature: signature }),
                );
              } catch (error) {
                tampered = (error as Error).name;
              }
              results.push({
                algorithm: run.algorithm,
                signature: toBase64(signature),
                signedAlgorithm: signed.SigningAlgorithm,
                valid: verified.SignatureValid,
                tampered,
              });
            }
            return {
              spec,
              publicKey: toBase64(pub.PublicKey ?? new Uint8Array()),
              publicKeySpec: pub.KeySpec,
              publicKeyUsage: pub.KeyUsage,
              signingAlgorithms: pub.SigningAlgorithms,
              runs: results,
            };
          } catch (error) {
            return { spec, error: String(error), publicKey: '', runs: [] };
          }
        }),
      ),
    cases,
  );
  return new Map(cases.map(({ spec }, i) => [spec, results[i]!]));
}

/** The page's answers for one case, checked as every case is: Sign, Verify and the tampered Verify. */
function signedInPage(results: Map<KeySpec, SignedInPage>, { spec, runs }: SignCase): SignedInPage {
  const result = results.get(spec);
  expect(result?.error, `${spec} calls in the page`).toBeUndefined();
  expect(result?.publicKeySpec).toBe(spec);
  expect(result?.publicKeyUsage).toBe('SIGN_VERIFY');
  expect(result?.signingAlgorithms).toEqual(expect.arrayContaining(runs.map((r) => r.algorithm)));
  expect(
    result?.runs.map(({ algorithm, signedAlgorithm, valid, tampered }) => ({
      algorithm,
      signedAlgorithm,
      valid,
      tampered,
    })),
  ).toEqual(
    runs.map(({ algorithm }) => ({
      algorithm,
      signedAlgorithm: algorithm,
      valid: true,
      tampered: 'KMSInvalidSignatureException',
    })),
  );
  return result!;
}

const spkiKey = (spki: string) =>
  createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
const raw = (algorithm: SigningAlgorithmSpec): SignRun => ({
  algorithm,
  messageType: 'RAW',
  message: b64(MESSAGE),
});

/** The raw public key inside a DER SubjectPublicKeyInfo, and its algorithm OID. */
function spkiContents(spki: Uint8Array): { algorithm: string; publicKey: Uint8Array } {
  const parsed = asn1js.fromBER(spki);
  expect(parsed.offset, 'SPKI parses to the end').toBe(spki.length);
  const [algorithm, key] = (parsed.result as asn1js.Sequence).valueBlock.value;
  const oid = (algorithm as asn1js.Sequence).valueBlock.value[0] as asn1js.ObjectIdentifier;
  return {
    algorithm: oid.getValue(),
    publicKey: new Uint8Array((key as asn1js.BitString).valueBlock.valueHexView),
  };
}

const RSA: SignCase = {
  spec: 'RSA_2048',
  region: 'us-east-1',
  runs: [raw('RSASSA_PSS_SHA_256'), raw('RSASSA_PKCS1_V1_5_SHA_256')],
};
const P256: SignCase = {
  spec: 'ECC_NIST_P256',
  region: 'us-east-1',
  runs: [
    raw('ECDSA_SHA_256'),
    { algorithm: 'ECDSA_SHA_256', messageType: 'DIGEST', message: b64(sha256(MESSAGE)) },
  ],
};
const P256K1: SignCase = { spec: 'ECC_SECG_P256K1', region: 'us-east-1', runs: [raw('ECDSA_SHA_256')] };
const ED25519: SignCase = {
  spec: 'ECC_NIST_EDWARDS25519',
  region: 'us-east-1',
  // Ed25519ph takes the SHA-512 digest (MessageType DIGEST only).
  runs: [
    raw('ED25519_SHA_512'),
    { algorithm: 'ED25519_PH_SHA_512', messageType: 'DIGEST', message: b64(sha512(MESSAGE)) },
  ],
};
const ML_DSA_44: SignCase = { spec: 'ML_DSA_44', region: 'us-east-1', runs: [raw('ML_DSA_SHAKE_256')] };
const SM2: SignCase = { spec: 'SM2', region: 'cn-north-1', runs: [raw('SM2DSA')] };

test('RSA, ECDSA and EdDSA signatures made in Chromium verify in kmsw and in node:crypto / @noble', async ({
  kmsPage,
}) => {
  const results = await signInPage(kmsPage, [RSA, P256, P256K1, ED25519]);

  await test.step('RSA_2048: RSASSA-PSS and PKCS#1 v1.5 (SHA-256) in node:crypto', () => {
    const result = signedInPage(results, RSA);
    const key = spkiKey(result.publicKey);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const [pss, pkcs1] = result.runs.map((r) => bytes(r.signature));
    // KMS uses a salt as long as the digest; a verifier that insists on it proves that too.
    const pssKey = {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    };
    expect(nodeVerify('sha256', MESSAGE, pssKey, pss!)).toBe(true);
    expect(nodeVerify('sha256', MESSAGE, { key, padding: constants.RSA_PKCS1_PADDING }, pkcs1!)).toBe(true);
    expect(nodeVerify('sha256', Buffer.from('another message'), pssKey, pss!)).toBe(false);
  });

  await test.step('ECC_NIST_P256: ECDSA over RAW and DIGEST messages in node:crypto', () => {
    const result = signedInPage(results, P256);
    const key = spkiKey(result.publicKey);
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    for (const run of result.runs) {
      expect(nodeVerify('sha256', MESSAGE, { key, dsaEncoding: 'der' }, bytes(run.signature))).toBe(true);
    }
  });

  await test.step('ECC_SECG_P256K1: ECDSA in node:crypto', () => {
    const result = signedInPage(results, P256K1);
    const key = spkiKey(result.publicKey);
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('secp256k1');
    const signature = bytes(result.runs[0]!.signature);
    expect(nodeVerify('sha256', MESSAGE, { key, dsaEncoding: 'der' }, signature)).toBe(true);
  });

  await test.step('ECC_NIST_EDWARDS25519: Ed25519 in node:crypto, Ed25519ph in @noble/curves', () => {
    const result = signedInPage(results, ED25519);
    const key = spkiKey(result.publicKey);
    expect(key.asymmetricKeyType).toBe('ed25519');
    const [pure, prehashed] = result.runs.map((r) => bytes(r.signature));
    expect(nodeVerify(null, MESSAGE, key, pure!)).toBe(true);
    expect(nodeVerify(null, MESSAGE, key, prehashed!)).toBe(false);
    const rawKey = spkiContents(bytes(result.publicKey)).publicKey;
    expect(ed25519ph.verify(prehashed!, MESSAGE, rawKey)).toBe(true);
    expect(ed25519ph.verify(pure!, MESSAGE, rawKey)).toBe(false);
  });
});

test('ML-DSA and SM2 (cn-north-1) signatures and HMAC_256 MACs made in Chromium verify outside kmsw', async ({
  kmsPage: page,
  dbName,
}) => {
  const chinaResponse = page.waitForResponse(/^https:\/\/kms\.cn-north-1\.amazonaws\.com\.cn\//);
  const results = await signInPage(page, [ML_DSA_44, SM2]);

  await test.step('ML_DSA_44: pure ML-DSA in @noble/post-quantum', () => {
    const result = signedInPage(results, ML_DSA_44);
    const spki = spkiContents(bytes(result.publicKey));
    expect(spki.algorithm).toBe('2.16.840.1.101.3.4.3.17'); // id-ml-dsa-44
    expect(spki.publicKey.length).toBe(ml_dsa44.lengths.publicKey);
    const signature = bytes(result.runs[0]!.signature);
    expect(signature.length).toBe(ml_dsa44.lengths.signature);
    // @noble/post-quantum: verify(signature, message, publicKey); pure ML-DSA with an empty context.
    expect(ml_dsa44.verify(signature, MESSAGE, spki.publicKey)).toBe(true);
    expect(ml_dsa44.verify(signature, Buffer.from('another message'), spki.publicKey)).toBe(false);
  });

  await test.step('SM2 in cn-north-1: SM2DSA against the SM2 reference, through the worker', async () => {
    const result = signedInPage(results, SM2);
    expect((await chinaResponse).fromServiceWorker()).toBe(true);
    const spki = bytes(result.publicKey);
    const signature = bytes(result.runs[0]!.signature);
    expect(sm2Verify(spki, sm2Digest(spki, MESSAGE), signature)).toBe(true);
    expect(sm2Verify(spki, sm2Digest(spki, Buffer.from('another message')), signature)).toBe(false);
  });

  await test.step('HMAC_256: GenerateMac equals node:crypto createHmac with the stored key', async () => {
    const result = await page.evaluate(
      async ({ dbName, message }) => {
        const { client, commands, toBase64, fromBase64 } = window.kmsw;
        const created = await client.send(
          new commands.CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }),
        );
        const keyId = created.KeyMetadata?.KeyId ?? '';
        const Message = fromBase64(message);
        const generated = await client.send(
          new commands.GenerateMacCommand({ KeyId: keyId, MacAlgorithm: 'HMAC_SHA_256', Message }),
        );
        const mac = generated.Mac ?? new Uint8Array();
        const verified = await client.send(
          new commands.VerifyMacCommand({ KeyId: keyId, MacAlgorithm: 'HMAC_SHA_256', Message, Mac: mac }),
        );
        const wrongMac = mac.slice();
        wrongMac[0] = (wrongMac[0] ?? 0) ^ 1;
        let tampered = 'MacValid';
        try {
          await client.send(
            new commands.VerifyMacCommand({
              KeyId: keyId,
              MacAlgorithm: 'HMAC_SHA_256',
              Message,
              Mac: wrongMac,
            }),
          );
        } catch (error) {
          tampered = (error as Error).name;
        }
        // The key material as the emulator stored it (IndexedDB `keys`, key [account, region, keyId]).
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(dbName);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const record = await new Promise<{ materials: { state: string; secret?: Uint8Array }[] }>(
          (resolve, reject) => {
            const request = db
              .transaction('keys')
              .objectStore('keys')
              .get(['000000000000', 'us-east-1', keyId]);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          },
        );
        db.close();
        const secret = record.materials.find((m) => m.state === 'CURRENT')?.secret ?? new Uint8Array();
        return {
          mac: toBase64(mac),
          algorithm: generated.MacAlgorithm,
          macValid: verified.MacValid,
          tampered,
          secret: toBase64(secret),
        };
      },
      { dbName, message: b64(MESSAGE) },
    );

    expect(result).toMatchObject({
      algorithm: 'HMAC_SHA_256',
      macValid: true,
      tampered: 'KMSInvalidMacException',
    });
    const secret = Buffer.from(result.secret, 'base64');
    expect(secret.length).toBe(32);
    expect(result.mac).toBe(createHmac('sha256', secret).update(MESSAGE).digest('base64'));
  });
});
