/**
 * GenerateMac and VerifyMac through the real SDK on msw/node, with AWS's recorded fields and errors. Every MAC is
 * checked against node:crypto createHmac over the key bytes read from the emulator's store.
 */
import { createHmac } from 'node:crypto';
import {
  CreateKeyCommand,
  DisableKeyCommand,
  GenerateMacCommand,
  VerifyMacCommand,
  type KeySpec,
  type MacAlgorithmSpec,
} from '@aws-sdk/client-kms';
import { beforeAll, expect, test } from 'vitest';
import { ACCOUNT, keyArnOf, rawKms, REGION, useKmsServer } from './support/kms-fixture.ts';

const { client, server } = useKmsServer();
const message = new TextEncoder().encode('some important message');
const SPECS: [KeySpec, MacAlgorithmSpec, number][] = [
  ['HMAC_224', 'HMAC_SHA_224', 28],
  ['HMAC_256', 'HMAC_SHA_256', 32],
  ['HMAC_384', 'HMAC_SHA_384', 48],
  ['HMAC_512', 'HMAC_SHA_512', 64],
];
const keys: Partial<Record<KeySpec, string>> = {};

beforeAll(async () => {
  await Promise.all(
    SPECS.map(async ([spec]) => {
      keys[spec] = (
        await client.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: 'GENERATE_VERIFY_MAC' }))
      ).KeyMetadata!.KeyId!;
    }),
  );
});

test('GenerateMac then VerifyMac returns the recorded fields for every HMAC key spec', async () => {
  for (const [spec, MacAlgorithm, length] of SPECS) {
    const KeyId = keys[spec]!;
    const generated = await client.send(new GenerateMacCommand({ KeyId, Message: message, MacAlgorithm }));
    expect(generated).toMatchObject({ KeyId: keyArnOf(KeyId), MacAlgorithm });
    expect(generated.Mac!.length).toBe(length);
    const again = await client.send(new GenerateMacCommand({ KeyId, Message: message, MacAlgorithm }));
    expect(Buffer.from(again.Mac!).equals(Buffer.from(generated.Mac!))).toBe(true);
    const verified = await client.send(
      new VerifyMacCommand({ KeyId, Message: message, MacAlgorithm, Mac: generated.Mac }),
    );
    expect(verified).toEqual(
      expect.objectContaining({ KeyId: keyArnOf(KeyId), MacValid: true, MacAlgorithm }),
    );
  }
});

test('every MAC equals node:crypto createHmac with the key bytes kmsw stored', async () => {
  const store = await server().emulator.store();
  for (const [spec, MacAlgorithm, length] of SPECS) {
    const record = await store.get('keys', { account: ACCOUNT, region: REGION }, keys[spec]!);
    const secret = record!.materials.find((m) => m.state === 'CURRENT')!.secret!;
    expect(secret.length).toBe(length);
    for (const input of [message, new Uint8Array(4096).fill(7), new Uint8Array([0])]) {
      const { Mac } = await client.send(
        new GenerateMacCommand({ KeyId: keys[spec]!, Message: input, MacAlgorithm }),
      );
      const expected = createHmac(`sha${length * 8}`, secret)
        .update(input)
        .digest();
      expect(Buffer.from(Mac!).equals(expected), `${spec} ${input.length}`).toBe(true);
    }
  }
});

test('a MAC of another message, a cut MAC or another key is KMSInvalidMacException with no message', async () => {
  const KeyId = keys.HMAC_256!;
  const { Mac } = await client.send(
    new GenerateMacCommand({ KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' }),
  );
  const cases = [
    { KeyId, Message: new TextEncoder().encode('some different important message'), Mac },
    { KeyId, Message: message, Mac: Mac!.subarray(0, 16) },
    { KeyId, Message: message, Mac: new Uint8Array([...Mac!, 0]) },
  ];
  for (const input of cases) {
    await expect(
      client.send(new VerifyMacCommand({ ...input, MacAlgorithm: 'HMAC_SHA_256' })),
    ).rejects.toMatchObject({ name: 'KMSInvalidMacException', $metadata: { httpStatusCode: 400 } });
  }
  const { status, json } = await rawKms(
    'VerifyMac',
    JSON.stringify({
      KeyId,
      Message: Buffer.from(message).toString('base64'),
      MacAlgorithm: 'HMAC_SHA_256',
      Mac: Buffer.alloc(32).toString('base64'),
    }),
  );
  expect(status).toBe(400);
  expect(json).toEqual({ __type: 'KMSInvalidMacException' });
});

test('an algorithm of another HMAC key spec is the recorded InvalidKeyUsageException', async () => {
  await expect(
    client.send(
      new GenerateMacCommand({ KeyId: keys.HMAC_224!, Message: message, MacAlgorithm: 'HMAC_SHA_256' }),
    ),
  ).rejects.toMatchObject({
    name: 'InvalidKeyUsageException',
    message: 'Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.',
  });
  await expect(
    client.send(
      new VerifyMacCommand({
        KeyId: keys.HMAC_256!,
        Message: message,
        MacAlgorithm: 'HMAC_SHA_512',
        Mac: new Uint8Array(64),
      }),
    ),
  ).rejects.toMatchObject({
    name: 'InvalidKeyUsageException',
    message: 'Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256.',
  });
});

test('an unknown MacAlgorithm is an enum ValidationException; a malformed key id the recorded NotFoundException', async () => {
  const { status, json } = await rawKms(
    'GenerateMac',
    JSON.stringify({ KeyId: keys.HMAC_256, Message: 'eA==', MacAlgorithm: 'INVALID' }),
  );
  expect(status).toBe(400);
  expect(json.__type).toBe('ValidationException');
  expect(json.message).toMatch(
    /^1 validation error detected: Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: \[/,
  );
  await expect(
    client.send(new GenerateMacCommand({ KeyId: 'key_id', Message: message, MacAlgorithm: 'HMAC_SHA_256' })),
  ).rejects.toMatchObject({ name: 'NotFoundException', message: "Invalid keyId 'key_id'" });
  await expect(
    client.send(
      new VerifyMacCommand({ KeyId: 'key_id', Message: message, MacAlgorithm: 'HMAC_SHA_256', Mac: message }),
    ),
  ).rejects.toMatchObject({ name: 'NotFoundException', message: "Invalid keyId 'key_id'" });
});

test('keys of another usage, disabled keys and DryRun answer as recorded', async () => {
  const symmetric = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await expect(
    client.send(new GenerateMacCommand({ KeyId: symmetric, Message: message, MacAlgorithm: 'HMAC_SHA_256' })),
  ).rejects.toMatchObject({
    name: 'InvalidKeyUsageException',
    message: `${keyArnOf(symmetric)} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`,
  });
  await expect(
    client.send(
      new GenerateMacCommand({
        KeyId: keys.HMAC_256!,
        Message: message,
        MacAlgorithm: 'HMAC_SHA_256',
        DryRun: true,
      }),
    ),
  ).rejects.toMatchObject({
    name: 'DryRunOperationException',
    message: 'The request would have succeeded, but the DryRun option is set.',
  });
  const disabled = (
    await client.send(new CreateKeyCommand({ KeySpec: 'HMAC_384', KeyUsage: 'GENERATE_VERIFY_MAC' }))
  ).KeyMetadata!.KeyId!;
  await client.send(new DisableKeyCommand({ KeyId: disabled }));
  await expect(
    client.send(new GenerateMacCommand({ KeyId: disabled, Message: message, MacAlgorithm: 'HMAC_SHA_384' })),
  ).rejects.toMatchObject({ name: 'DisabledException', message: `${keyArnOf(disabled)} is disabled.` });
});
