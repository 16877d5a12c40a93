/**
 * Encrypt and Decrypt with RSA keys (RSAES_OAEP_SHA_1 / SHA_256) through the real SDK on msw/node: ciphertexts made
 * outside kmsw with node:crypto publicEncrypt and the SPKI from GetPublicKey decrypt in kmsw, kmsw's own round
 * trip, and the recorded plaintext limits for RSA_2048, RSA_3072 and RSA_4096 with their exact messages.
 */
import { constants, publicEncrypt, randomBytes } from 'node:crypto';
import {
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  GetPublicKeyCommand,
  type EncryptionAlgorithmSpec,
  type KeySpec,
} from '@aws-sdk/client-kms';
import { beforeAll, expect, test } from 'vitest';
import { keyArnOf, kmsClient, useKmsServer } from './support/kms-fixture.ts';
import { spkiKey } from './support/reference-crypto.ts';

useKmsServer();
const client = kmsClient();
const SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096'] as const;
const ALGORITHMS = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const;
// Recorded: "Algorithm <alg> and key spec <spec> cannot encrypt data larger than <n> bytes."
const LIMITS: Record<(typeof SPECS)[number], Record<(typeof ALGORITHMS)[number], number>> = {
  RSA_2048: { RSAES_OAEP_SHA_1: 214, RSAES_OAEP_SHA_256: 190 },
  RSA_3072: { RSAES_OAEP_SHA_1: 342, RSAES_OAEP_SHA_256: 318 },
  RSA_4096: { RSAES_OAEP_SHA_1: 470, RSAES_OAEP_SHA_256: 446 },
};
const keys: Partial<Record<KeySpec, { id: string; spki: Uint8Array }>> = {};

beforeAll(async () => {
  await Promise.all(
    SPECS.map(async (spec) => {
      const id = (await client.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: 'ENCRYPT_DECRYPT' })))
        .KeyMetadata!.KeyId!;
      keys[spec] = { id, spki: (await client.send(new GetPublicKeyCommand({ KeyId: id }))).PublicKey! };
    }),
  );
});

const decrypt = (KeyId: string, EncryptionAlgorithm: EncryptionAlgorithmSpec, CiphertextBlob: Uint8Array) =>
  client.send(new DecryptCommand({ KeyId, EncryptionAlgorithm, CiphertextBlob }));

test('node:crypto publicEncrypt (OAEP) with the SPKI decrypts in kmsw, up to the recorded limit', async () => {
  for (const spec of SPECS) {
    const { id, spki } = keys[spec]!;
    for (const algorithm of ALGORITHMS) {
      const plaintext = randomBytes(LIMITS[spec][algorithm]);
      const ciphertext = publicEncrypt(
        {
          key: spkiKey(spki),
          padding: constants.RSA_PKCS1_OAEP_PADDING,
          oaepHash: algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256',
        },
        plaintext,
      );
      const { $metadata: _metadata, ...body } = await decrypt(id, algorithm, ciphertext);
      expect(body).toEqual({
        KeyId: keyArnOf(id),
        Plaintext: expect.any(Uint8Array),
        EncryptionAlgorithm: algorithm,
      });
      expect(Buffer.from(body.Plaintext!).equals(plaintext), `${spec} ${algorithm}`).toBe(true);
    }
  }
});

test('kmsw Encrypt gives a modulus-sized ciphertext that Decrypt opens only with the same algorithm', async () => {
  const { id } = keys.RSA_2048!;
  const plaintext = new TextEncoder().encode('hello rsa');
  for (const algorithm of ALGORITHMS) {
    const encrypted = await client.send(
      new EncryptCommand({ KeyId: id, Plaintext: plaintext, EncryptionAlgorithm: algorithm }),
    );
    expect(encrypted).toMatchObject({ KeyId: keyArnOf(id), EncryptionAlgorithm: algorithm });
    expect(encrypted.CiphertextBlob).toHaveLength(256);
    const decrypted = await decrypt(id, algorithm, encrypted.CiphertextBlob!);
    expect(new TextDecoder().decode(decrypted.Plaintext)).toBe('hello rsa');
    const other = algorithm === 'RSAES_OAEP_SHA_1' ? 'RSAES_OAEP_SHA_256' : 'RSAES_OAEP_SHA_1';
    await expect(decrypt(id, other, encrypted.CiphertextBlob!)).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
    });
  }
});

test('one byte over the limit is the recorded ValidationException for every RSA spec and algorithm', async () => {
  for (const spec of SPECS) {
    for (const algorithm of ALGORITHMS) {
      const limit = LIMITS[spec][algorithm];
      for (const size of [limit + 1, 1176]) {
        await expect(
          client.send(
            new EncryptCommand({
              KeyId: keys[spec]!.id,
              Plaintext: randomBytes(size),
              EncryptionAlgorithm: algorithm,
            }),
          ),
        ).rejects.toMatchObject({
          name: 'ValidationException',
          message: `Algorithm ${algorithm} and key spec ${spec} cannot encrypt data larger than ${limit} bytes.`,
          $metadata: { httpStatusCode: 400 },
        });
      }
    }
  }
});

test('an RSA ciphertext without KeyId and algorithm is InvalidCiphertextException, as AWS answers', async () => {
  const { id } = keys.RSA_2048!;
  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId: id, Plaintext: randomBytes(16), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
  );
  await expect(client.send(new DecryptCommand({ CiphertextBlob }))).rejects.toMatchObject({
    name: 'InvalidCiphertextException',
  });
});

test('the default SYMMETRIC_DEFAULT algorithm on an RSA key is InvalidKeyUsageException', async () => {
  await expect(
    client.send(new EncryptCommand({ KeyId: keys.RSA_3072!.id, Plaintext: randomBytes(8) })),
  ).rejects.toMatchObject({
    name: 'InvalidKeyUsageException',
    message: 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_3072.',
  });
});
