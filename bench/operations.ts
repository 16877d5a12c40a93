/**
 * The operations every bench path measures, each with its raw primitive: the crypto engine call with the same key
 * spec and algorithm that the emulator makes inside the operation (src/crypto/engine.ts), on material of its own.
 * `prepareOperations(client)` creates the keys on the path's emulator and returns SDK commands to send.
 */
import {
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateMacCommand,
  SignCommand,
  VerifyCommand,
  type KMSClient,
  type KeySpec,
  type SigningAlgorithmSpec,
} from '@aws-sdk/client-kms';
import {
  aesGcmOpen,
  aesGcmSeal,
  generateKeyMaterial,
  hmac,
  randomBytes,
  sign,
  verify,
} from '../src/crypto/engine.ts';

/** One SDK call on a client. */
export type Call = (client: KMSClient) => Promise<unknown>;

export interface BenchOperation {
  name: string;
  send: Call;
  raw: () => Promise<unknown>;
}

/** 1 KiB, as in the measurements. */
export const PLAINTEXT = new Uint8Array(1024).fill(7);
const MESSAGE = new TextEncoder().encode('a message to sign in the kmsw bench');

export const SIGNING_FAMILIES: [KeySpec, SigningAlgorithmSpec][] = [
  ['ECC_NIST_P256', 'ECDSA_SHA_256'],
  ['RSA_2048', 'RSASSA_PSS_SHA_256'],
  ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512'],
];

const createKey = async (client: KMSClient, input: ConstructorParameters<typeof CreateKeyCommand>[0] = {}) =>
  (await client.send(new CreateKeyCommand(input))).KeyMetadata!.KeyId!;

export async function prepareOperations(client: KMSClient): Promise<BenchOperation[]> {
  const secret = randomBytes(32);
  const iv = randomBytes(12);
  const sealed = await aesGcmSeal(secret, iv, PLAINTEXT);
  const keyId = await createKey(client);
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: PLAINTEXT }));
  const ops: BenchOperation[] = [
    {
      name: 'Encrypt',
      send: (c) => c.send(new EncryptCommand({ KeyId: keyId, Plaintext: PLAINTEXT })),
      raw: () => aesGcmSeal(secret, randomBytes(12), PLAINTEXT),
    },
    {
      name: 'Decrypt',
      send: (c) => c.send(new DecryptCommand({ CiphertextBlob })),
      raw: () => aesGcmOpen(secret, iv, sealed),
    },
    {
      name: 'GenerateDataKey',
      send: (c) => c.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' })),
      raw: () => aesGcmSeal(secret, randomBytes(12), randomBytes(32)),
    },
  ];
  for (const [spec, algorithm] of SIGNING_FAMILIES) {
    const id = await createKey(client, { KeySpec: spec, KeyUsage: 'SIGN_VERIFY' });
    const pair = (await generateKeyMaterial(spec)) as { privateKey: Uint8Array; publicKey: Uint8Array };
    const rawSignature = await sign(spec, pair.privateKey, algorithm, MESSAGE, 'RAW');
    const { Signature } = await client.send(
      new SignCommand({ KeyId: id, Message: MESSAGE, SigningAlgorithm: algorithm }),
    );
    ops.push(
      {
        name: `Sign ${spec}`,
        send: (c) => c.send(new SignCommand({ KeyId: id, Message: MESSAGE, SigningAlgorithm: algorithm })),
        raw: () => sign(spec, pair.privateKey, algorithm, MESSAGE, 'RAW'),
      },
      {
        name: `Verify ${spec}`,
        send: (c) =>
          c.send(new VerifyCommand({ KeyId: id, Message: MESSAGE, Signature, SigningAlgorithm: algorithm })),
        raw: () => verify(spec, pair.publicKey, algorithm, MESSAGE, 'RAW', rawSignature),
      },
    );
  }
  const macKey = await createKey(client, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  const macSecret = randomBytes(32);
  ops.push(
    {
      name: 'GenerateMac HMAC_256',
      send: (c) =>
        c.send(new GenerateMacCommand({ KeyId: macKey, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256' })),
      raw: () => hmac('HMAC_SHA_256', macSecret, MESSAGE),
    },
    {
      name: 'CreateKey SYMMETRIC_DEFAULT',
      send: (c) => c.send(new CreateKeyCommand({})),
      raw: () => generateKeyMaterial('SYMMETRIC_DEFAULT'),
    },
  );
  return ops;
}
