/**
 * Sign and Verify through the real SDK on msw/node. Every signature is checked outside kmsw against the public key
 * from GetPublicKey: node:crypto for RSA (PSS salt = digest length), ECDSA and Ed25519, @noble for Ed25519ph and
 * ML-DSA (also with a locally computed μ for EXTERNAL_MU), an SM2DSA reference with the default ZA. Errors as
 * recorded against AWS.
 */
import { createHash, constants, verify as nodeVerify } from 'node:crypto';
import {
  CreateKeyCommand,
  DisableKeyCommand,
  GetPublicKeyCommand,
  SignCommand,
  VerifyCommand,
  type KeySpec,
  type KMSClient,
  type MessageType,
  type SigningAlgorithmSpec,
} from '@aws-sdk/client-kms';
import { ed25519ph } from '@noble/curves/ed25519.js';
import { beforeAll, expect, test } from 'vitest';
import { keyArnOf, kmsClient, rawKms, useKmsServer } from './support/kms-fixture.ts';
import { ML_DSA, mlDsaMu, sm2Digest, sm2Verify, spkiKey, tail } from './support/reference-crypto.ts';

useKmsServer();
const client = kmsClient();
const china = kmsClient({ region: 'cn-north-1' });
const message = new TextEncoder().encode('kmsw signs this message');
const keys: Partial<Record<KeySpec, { id: string; spki: Uint8Array }>> = {};

async function createSigningKey(spec: KeySpec, kms: KMSClient = client) {
  const id = (await kms.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!
    .KeyId!;
  const spki = (await kms.send(new GetPublicKeyCommand({ KeyId: id }))).PublicKey!;
  return { id, spki };
}

beforeAll(async () => {
  const specs: KeySpec[] = [
    'RSA_2048',
    'ECC_NIST_P256',
    'ECC_NIST_P384',
    'ECC_NIST_P521',
    'ECC_SECG_P256K1',
    'ECC_NIST_EDWARDS25519',
    'ML_DSA_44',
    'ML_DSA_65',
  ];
  await Promise.all(specs.map(async (spec) => (keys[spec] = await createSigningKey(spec))));
  keys.SM2 = await createSigningKey('SM2', china);
});

const key = (spec: KeySpec) => keys[spec]!;
const hashOf = (algorithm: string) => `sha${algorithm.slice(-3)}`;
const digest = (algorithm: string, data: Uint8Array) =>
  new Uint8Array(createHash(hashOf(algorithm)).update(data).digest());

async function signAndVerify(
  spec: KeySpec,
  SigningAlgorithm: SigningAlgorithmSpec,
  MessageType: MessageType,
  Message: Uint8Array,
  kms: KMSClient = client,
): Promise<Uint8Array> {
  const { id } = key(spec);
  const signed = await kms.send(new SignCommand({ KeyId: id, Message, MessageType, SigningAlgorithm }));
  expect(signed).toMatchObject({ KeyId: expect.stringMatching(/^arn:aws(-cn)?:kms:/), SigningAlgorithm });
  expect(signed.KeyId!.endsWith(`:key/${id}`)).toBe(true);
  const verified = await kms.send(
    new VerifyCommand({ KeyId: id, Message, MessageType, SigningAlgorithm, Signature: signed.Signature }),
  );
  expect(verified).toMatchObject({ KeyId: signed.KeyId, SignatureValid: true, SigningAlgorithm });
  return signed.Signature!;
}

const RSA_ALGORITHMS: SigningAlgorithmSpec[] = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
];

test('RSA_2048: every algorithm, RAW and DIGEST, verifies with node:crypto (PSS salt = digest length)', async () => {
  const publicKey = spkiKey(key('RSA_2048').spki);
  for (const algorithm of RSA_ALGORITHMS) {
    const pss = algorithm.startsWith('RSASSA_PSS_');
    const options = pss
      ? {
          key: publicKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: digest(algorithm, message).length,
        }
      : { key: publicKey, padding: constants.RSA_PKCS1_PADDING };
    for (const [type, input] of [
      ['RAW', message],
      ['DIGEST', digest(algorithm, message)],
    ] as const) {
      const signature = await signAndVerify('RSA_2048', algorithm, type, input);
      expect(signature.length).toBe(256);
      expect(nodeVerify(hashOf(algorithm), message, options, signature), `${algorithm} ${type}`).toBe(true);
      // A PSS signature with another salt length does not verify: the salt really is the digest length.
      if (pss)
        expect(nodeVerify(hashOf(algorithm), message, { ...options, saltLength: 20 }, signature)).toBe(false);
    }
  }
});

test('ECDSA on P-256, P-384, P-521 and secp256k1 gives DER signatures node:crypto verifies', async () => {
  const cases: [KeySpec, SigningAlgorithmSpec][] = [
    ['ECC_NIST_P256', 'ECDSA_SHA_256'],
    ['ECC_NIST_P384', 'ECDSA_SHA_384'],
    ['ECC_NIST_P521', 'ECDSA_SHA_512'],
    ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
  ];
  for (const [spec, algorithm] of cases) {
    const publicKey = spkiKey(key(spec).spki);
    for (const [type, input] of [
      ['RAW', message],
      ['DIGEST', digest(algorithm, message)],
    ] as const) {
      const signature = await signAndVerify(spec, algorithm, type, input);
      expect(signature[0]).toBe(0x30);
      expect(nodeVerify(hashOf(algorithm), message, publicKey, signature), `${spec} ${type}`).toBe(true);
      expect(nodeVerify(hashOf(algorithm), message.subarray(1), publicKey, signature)).toBe(false);
    }
  }
});

test('Ed25519: ED25519_SHA_512 (RAW) verifies with node:crypto, ED25519_PH_SHA_512 (DIGEST) with noble Ed25519ph', async () => {
  const { spki } = key('ECC_NIST_EDWARDS25519');
  expect(spki.length).toBe(44);
  const pure = await signAndVerify('ECC_NIST_EDWARDS25519', 'ED25519_SHA_512', 'RAW', message);
  expect(pure.length).toBe(64);
  expect(nodeVerify(null, message, spkiKey(spki), pure)).toBe(true);
  const sha512 = new Uint8Array(createHash('sha512').update(message).digest());
  const prehashed = await signAndVerify('ECC_NIST_EDWARDS25519', 'ED25519_PH_SHA_512', 'DIGEST', sha512);
  expect(ed25519ph.verify(prehashed, message, tail(spki, 32))).toBe(true);
  expect(nodeVerify(null, message, spkiKey(spki), prehashed)).toBe(false);
});

test('ML-DSA-44 and -65: RAW signatures verify with noble; EXTERNAL_MU over a local μ is the same pure signature', async () => {
  for (const spec of ['ML_DSA_44', 'ML_DSA_65'] as const) {
    const dsa = ML_DSA[spec];
    const publicKey = tail(key(spec).spki, dsa.lengths.publicKey!);
    const raw = await signAndVerify(spec, 'ML_DSA_SHAKE_256', 'RAW', message);
    expect(raw.length).toBe(dsa.lengths.signature);
    expect(dsa.verify(raw, message, publicKey)).toBe(true);
    const mu = mlDsaMu(publicKey, message);
    const external = await signAndVerify(spec, 'ML_DSA_SHAKE_256', 'EXTERNAL_MU', mu);
    expect(dsa.verify(external, message, publicKey)).toBe(true);
    // Verify accepts the EXTERNAL_MU signature as RAW over the message too: it is one pure ML-DSA signature.
    await expect(
      client.send(
        new VerifyCommand({
          KeyId: key(spec).id,
          Message: message,
          SigningAlgorithm: 'ML_DSA_SHAKE_256',
          Signature: external,
        }),
      ),
    ).resolves.toMatchObject({ SignatureValid: true });
  }
});

test('SM2DSA in cn-north-1: RAW uses ZA with the default ID; DIGEST signs a given e; both verify outside kmsw', async () => {
  const { spki } = key('SM2');
  const e = sm2Digest(spki, message);
  const raw = await signAndVerify('SM2', 'SM2DSA', 'RAW', message, china);
  expect(sm2Verify(spki, e, raw)).toBe(true);
  const signedDigest = await signAndVerify('SM2', 'SM2DSA', 'DIGEST', e, china);
  expect(sm2Verify(spki, e, signedDigest)).toBe(true);
  expect(sm2Verify(spki, sm2Digest(spki, message.subarray(1)), raw)).toBe(false);
});

test('a DIGEST of the wrong length is the recorded ValidationException, for Sign and Verify', async () => {
  const cases: [KeySpec, SigningAlgorithmSpec][] = [
    ['RSA_2048', 'RSASSA_PSS_SHA_256'],
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_512'],
    ['ECC_NIST_P256', 'ECDSA_SHA_256'],
    ['ECC_NIST_EDWARDS25519', 'ED25519_PH_SHA_512'],
  ];
  for (const [spec, SigningAlgorithm] of cases) {
    const request = {
      KeyId: key(spec).id,
      Message: message,
      MessageType: 'DIGEST' as const,
      SigningAlgorithm,
    };
    const expected = {
      name: 'ValidationException',
      message: `Digest is invalid length for algorithm ${SigningAlgorithm}.`,
      $metadata: { httpStatusCode: 400 },
    };
    await expect(client.send(new SignCommand(request))).rejects.toMatchObject(expected);
    await expect(
      client.send(new VerifyCommand({ ...request, Signature: new Uint8Array(64) })),
    ).rejects.toMatchObject(expected);
  }
});

test('a signature of another message is KMSInvalidSignatureException with no message, never SignatureValid false', async () => {
  for (const [spec, SigningAlgorithm] of [
    ['RSA_2048', 'RSASSA_PSS_SHA_256'],
    ['ECC_NIST_P384', 'ECDSA_SHA_384'],
    ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
    ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512'],
    ['ML_DSA_44', 'ML_DSA_SHAKE_256'],
  ] as const) {
    const { Signature } = await client.send(
      new SignCommand({ KeyId: key(spec).id, Message: message, SigningAlgorithm }),
    );
    const other = new TextEncoder().encode('another message');
    await expect(
      client.send(new VerifyCommand({ KeyId: key(spec).id, Message: other, SigningAlgorithm, Signature })),
    ).rejects.toMatchObject({ name: 'KMSInvalidSignatureException', $metadata: { httpStatusCode: 400 } });
    // Malformed signature bytes get the same answer.
    for (const garbage of [new Uint8Array([1, 2, 3]), new Uint8Array(Signature!.length).fill(0x30)]) {
      await expect(
        client.send(
          new VerifyCommand({ KeyId: key(spec).id, Message: message, SigningAlgorithm, Signature: garbage }),
        ),
      ).rejects.toMatchObject({ name: 'KMSInvalidSignatureException' });
    }
  }
  const { status, json } = await rawKms(
    'Verify',
    JSON.stringify({
      KeyId: key('ECC_NIST_P256').id,
      Message: Buffer.from('x').toString('base64'),
      Signature: Buffer.from('not a signature').toString('base64'),
      SigningAlgorithm: 'ECDSA_SHA_256',
    }),
  );
  expect(status).toBe(400);
  expect(json).toEqual({ __type: 'KMSInvalidSignatureException' });
});

test('a signing algorithm of another key spec is InvalidKeyUsageException', async () => {
  const cases: [KeySpec, SigningAlgorithmSpec][] = [
    ['ECC_NIST_P256', 'ECDSA_SHA_384'],
    ['ECC_NIST_EDWARDS25519', 'ECDSA_SHA_512'],
    ['RSA_2048', 'ECDSA_SHA_256'],
    ['ML_DSA_44', 'RSASSA_PSS_SHA_256'],
  ];
  for (const [spec, SigningAlgorithm] of cases) {
    await expect(
      client.send(new SignCommand({ KeyId: key(spec).id, Message: message, SigningAlgorithm })),
    ).rejects.toMatchObject({
      name: 'InvalidKeyUsageException',
      message: `Algorithm ${SigningAlgorithm} is incompatible with key spec ${spec}.`,
    });
  }
});

test('message types the algorithm does not take are ValidationExceptions', async () => {
  const cases: [KeySpec, SigningAlgorithmSpec, MessageType, Uint8Array, string][] = [
    [
      'ECC_NIST_EDWARDS25519',
      'ED25519_SHA_512',
      'DIGEST',
      new Uint8Array(64),
      'Message type DIGEST is incompatible with algorithm ED25519_SHA_512.',
    ],
    [
      'ECC_NIST_EDWARDS25519',
      'ED25519_PH_SHA_512',
      'RAW',
      message,
      'Message type RAW is incompatible with algorithm ED25519_PH_SHA_512.',
    ],
    [
      'ML_DSA_44',
      'ML_DSA_SHAKE_256',
      'DIGEST',
      new Uint8Array(64),
      'Message type DIGEST is incompatible with key spec ML_DSA_44.',
    ],
    [
      'ECC_NIST_P256',
      'ECDSA_SHA_256',
      'EXTERNAL_MU',
      new Uint8Array(64),
      'Message type EXTERNAL_MU is incompatible with key spec ECC_NIST_P256.',
    ],
    [
      'ML_DSA_65',
      'ML_DSA_SHAKE_256',
      'EXTERNAL_MU',
      new Uint8Array(32),
      'External Mu is invalid length for algorithm ML_DSA_SHAKE_256.',
    ],
  ];
  for (const [spec, SigningAlgorithm, MessageType, Message, text] of cases) {
    await expect(
      client.send(new SignCommand({ KeyId: key(spec).id, Message, MessageType, SigningAlgorithm })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: text });
  }
});

test('Sign and Verify refuse keys of other usages with the recorded text', async () => {
  const hmacKey = (
    await client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))
  ).KeyMetadata!.KeyId!;
  const symmetric = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await expect(
    client.send(new SignCommand({ KeyId: hmacKey, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' })),
  ).rejects.toMatchObject({
    name: 'InvalidKeyUsageException',
    message: `${keyArnOf(hmacKey)} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`,
  });
  await expect(
    client.send(
      new VerifyCommand({
        KeyId: symmetric,
        Message: message,
        SigningAlgorithm: 'ECDSA_SHA_256',
        Signature: new Uint8Array(8),
      }),
    ),
  ).rejects.toMatchObject({
    name: 'InvalidKeyUsageException',
    message: `${keyArnOf(symmetric)} key usage is ENCRYPT_DECRYPT which is not valid for Verify.`,
  });
});

test('a message over 4096 bytes is the model ValidationException; DryRun and a disabled key answer as AWS does', async () => {
  const { id } = key('ECC_NIST_P256');
  await expect(
    client.send(
      new SignCommand({ KeyId: id, Message: new Uint8Array(4097), SigningAlgorithm: 'ECDSA_SHA_256' }),
    ),
  ).rejects.toMatchObject({
    name: 'ValidationException',
    message:
      "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length less than or equal to 4096",
  });
  await expect(
    client.send(
      new SignCommand({ KeyId: id, Message: message, SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true }),
    ),
  ).rejects.toMatchObject({
    name: 'DryRunOperationException',
    message: 'The request would have succeeded, but the DryRun option is set.',
  });
  const { Signature } = await client.send(
    new SignCommand({ KeyId: id, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }),
  );
  await expect(
    client.send(
      new VerifyCommand({
        KeyId: id,
        Message: message,
        SigningAlgorithm: 'ECDSA_SHA_256',
        Signature,
        DryRun: true,
      }),
    ),
  ).rejects.toMatchObject({ name: 'DryRunOperationException' });

  const disabled = (await createSigningKey('ECC_NIST_P384')).id;
  await client.send(new DisableKeyCommand({ KeyId: disabled }));
  await expect(
    client.send(new SignCommand({ KeyId: disabled, Message: message, SigningAlgorithm: 'ECDSA_SHA_384' })),
  ).rejects.toMatchObject({ name: 'DisabledException', message: `${keyArnOf(disabled)} is disabled.` });
});
