/**
 * The signing part of `npm run bench`: Sign and Verify for one key of each family and GenerateMac, through the SDK
 * on the in-process request handler, each beside the raw primitive of the crypto engine measured in the same run
 * with the same key spec and algorithm.
 */
import {
  CreateKeyCommand,
  GenerateMacCommand,
  SignCommand,
  VerifyCommand,
  type KMSClient,
  type KeySpec,
  type SigningAlgorithmSpec,
} from '@aws-sdk/client-kms';
import { generateKeyMaterial, hmac, sign, verify } from '../src/crypto/engine.ts';
import { measure, printTable } from './measure.ts';

const message = new TextEncoder().encode('a message to sign in the kmsw bench');

const FAMILIES: [KeySpec, SigningAlgorithmSpec][] = [
  ['RSA_2048', 'RSASSA_PSS_SHA_256'],
  ['ECC_NIST_P256', 'ECDSA_SHA_256'],
  ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
  ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512'],
  ['ML_DSA_44', 'ML_DSA_SHAKE_256'],
];

export async function benchSigning(client: KMSClient): Promise<void> {
  for (const [spec, algorithm] of FAMILIES) {
    const keyId = (await client.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' })))
      .KeyMetadata!.KeyId!;
    const pair = (await generateKeyMaterial(spec)) as { privateKey: Uint8Array; publicKey: Uint8Array };
    const signature = await sign(spec, pair.privateKey, algorithm, message, 'RAW');
    const floor = await measure(`raw ${spec} sign`, () =>
      sign(spec, pair.privateKey, algorithm, message, 'RAW'),
    );
    const rawVerify = await measure(`raw ${spec} verify`, () =>
      verify(spec, pair.publicKey, algorithm, message, 'RAW', signature),
    );
    const { Signature } = await client.send(
      new SignCommand({ KeyId: keyId, Message: message, SigningAlgorithm: algorithm }),
    );
    printTable(
      `${spec} ${algorithm} (in-process request handler)`,
      [
        await measure(`Sign ${spec}`, () =>
          client.send(new SignCommand({ KeyId: keyId, Message: message, SigningAlgorithm: algorithm })),
        ),
      ],
      floor,
    );
    printTable(
      `${spec} ${algorithm} verify`,
      [
        await measure(`Verify ${spec}`, () =>
          client.send(
            new VerifyCommand({ KeyId: keyId, Message: message, Signature, SigningAlgorithm: algorithm }),
          ),
        ),
      ],
      rawVerify,
    );
  }
  const macKey = (
    await client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))
  ).KeyMetadata!.KeyId!;
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const floor = await measure('raw HMAC-SHA-256', () => hmac('HMAC_SHA_256', secret, message));
  printTable(
    'HMAC_256 (in-process request handler)',
    [
      await measure('GenerateMac HMAC_256', () =>
        client.send(
          new GenerateMacCommand({ KeyId: macKey, Message: message, MacAlgorithm: 'HMAC_SHA_256' }),
        ),
      ),
    ],
    floor,
  );
}
