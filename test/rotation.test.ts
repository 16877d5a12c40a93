/**
 * Key rotation through the real SDK on msw/node: automatic rotation settings and status, on-demand rotation, the
 * rotation list, and automatic rotation driven by the emulator clock. Expected values come from the AWS recordings
 * in ../shared/aws-recorded ("Key rotation"; see FIDELITY.md).
 */
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  type CreateKeyRequest,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { DAY_MS } from '../src/kms/clock.ts';
import { ACCOUNT, keyArnOf, rawKms, useKmsServer } from './support/kms-fixture.ts';

const { client, server } = useKmsServer();
const text = new TextEncoder();

async function createKey(request: CreateKeyRequest = {}): Promise<string> {
  return (await client.send(new CreateKeyCommand(request))).KeyMetadata!.KeyId!;
}

/** A response without the SDK's $metadata, to compare its fields exactly. */
function fields<T extends object>(response: T): Omit<T, '$metadata'> {
  const { $metadata: _metadata, ...rest } = response as T & { $metadata: unknown };
  return rest;
}

const currentMaterialId = async (KeyId: string) =>
  (await client.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!.CurrentKeyMaterialId!;

const encrypt = async (KeyId: string, plaintext = 'test message 123 !%$@ 1234567890') =>
  client.send(new EncryptCommand({ KeyId, Plaintext: text.encode(plaintext) }));

test.each([90, 180])(
  'EnableKeyRotation with RotationPeriodInDays %i: the recorded status fields',
  async (RotationPeriodInDays) => {
    const KeyId = await createKey();
    await client.send(new EnableKeyRotationCommand({ KeyId, RotationPeriodInDays }));
    const status = await client.send(new GetKeyRotationStatusCommand({ KeyId }));
    const now = server().emulator.clock.now();
    expect(Object.keys(fields(status)).sort()).toEqual(
      ['KeyId', 'KeyRotationEnabled', 'NextRotationDate', 'RotationPeriodInDays'].sort(),
    );
    expect(status).toMatchObject({ KeyId: keyArnOf(KeyId), KeyRotationEnabled: true, RotationPeriodInDays });
    expect(Math.abs(status.NextRotationDate!.getTime() - (now + RotationPeriodInDays * DAY_MS))).toBeLessThan(
      60_000,
    );
  },
);

test('automatic rotation is off by default; EnableKeyRotation and DisableKeyRotation toggle it', async () => {
  const KeyId = await createKey();
  const off = { KeyId: keyArnOf(KeyId), KeyRotationEnabled: false };
  expect(fields(await client.send(new GetKeyRotationStatusCommand({ KeyId })))).toEqual(off);
  await client.send(new EnableKeyRotationCommand({ KeyId }));
  expect(await client.send(new GetKeyRotationStatusCommand({ KeyId }))).toMatchObject({
    KeyRotationEnabled: true,
    RotationPeriodInDays: 365,
  });
  await client.send(new DisableKeyRotationCommand({ KeyId }));
  expect(fields(await client.send(new GetKeyRotationStatusCommand({ KeyId: keyArnOf(KeyId) })))).toEqual(off);
});

test('RotationPeriodInDays outside 90–2560 is a ValidationException', async () => {
  const KeyId = await createKey();
  for (const [period, bound] of [
    [89, 'greater than or equal to 90'],
    [2561, 'less than or equal to 2560'],
  ] as const) {
    await expect(
      client.send(new EnableKeyRotationCommand({ KeyId, RotationPeriodInDays: period })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: `1 validation error detected: Value '${period}' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value ${bound}`,
    });
  }
});

test('automatic rotation settings: asymmetric and HMAC keys are unsupported with no message, EXTERNAL keys by origin, disabled keys are DisabledException', async () => {
  const rsa = await createKey({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
  const hmac = await createKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  for (const KeyId of [rsa, hmac]) {
    for (const target of ['EnableKeyRotation', 'DisableKeyRotation']) {
      const { status, json } = await rawKms(target, JSON.stringify({ KeyId }));
      expect(status).toBe(400);
      expect(json.__type).toBe('UnsupportedOperationException');
      expect(json.message ?? '').toBe('');
    }
    // GetKeyRotationStatus answers false for keys without automatic rotation.
    expect(fields(await client.send(new GetKeyRotationStatusCommand({ KeyId })))).toEqual({
      KeyId: keyArnOf(KeyId),
      KeyRotationEnabled: false,
    });
  }

  const external = await createKey({ Origin: 'EXTERNAL' });
  await expect(client.send(new EnableKeyRotationCommand({ KeyId: external }))).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: `${keyArnOf(external)} is pending import.`,
  });

  const disabled = await createKey();
  await client.send(new DisableKeyCommand({ KeyId: disabled }));
  for (const command of [
    new EnableKeyRotationCommand({ KeyId: disabled }),
    new DisableKeyRotationCommand({ KeyId: disabled }),
  ]) {
    await expect(client.send(command)).rejects.toMatchObject({
      name: 'DisabledException',
      message: `${keyArnOf(disabled)} is disabled.`,
      $metadata: { httpStatusCode: 400 },
    });
  }
});

test('RotateKeyOnDemand returns only the key ARN; new ciphertexts use new material and old ones still decrypt', async () => {
  const KeyId = await createKey();
  const before = await encrypt(KeyId);
  const materialBefore = await currentMaterialId(KeyId);

  const rotated = await client.send(new RotateKeyOnDemandCommand({ KeyId }));
  expect(fields(rotated)).toEqual({ KeyId: keyArnOf(KeyId) });

  const after = await encrypt(KeyId);
  expect(after.CiphertextBlob).not.toEqual(before.CiphertextBlob);
  const materialAfter = await currentMaterialId(KeyId);
  expect(materialAfter).toMatch(/^[0-9a-f]{64}$/);
  expect(materialAfter).not.toBe(materialBefore);

  const old = await client.send(new DecryptCommand({ KeyId, CiphertextBlob: before.CiphertextBlob }));
  expect(new TextDecoder().decode(old.Plaintext)).toBe('test message 123 !%$@ 1234567890');
  expect(old.KeyMaterialId).toBe(materialBefore);
  const fresh = await client.send(new DecryptCommand({ CiphertextBlob: after.CiphertextBlob }));
  expect(fresh.KeyMaterialId).toBe(materialAfter);

  // Recorded: appended bytes are InvalidCiphertextException with no message.
  const bad = new Uint8Array([...before.CiphertextBlob!, ...text.encode('bad_data')]);
  const { status, json } = await rawKms(
    'Decrypt',
    JSON.stringify({ KeyId, CiphertextBlob: Buffer.from(bad).toString('base64') }),
  );
  expect(status).toBe(400);
  expect(json.__type).toBe('InvalidCiphertextException');
  expect(json.message ?? '').toBe('');
});

test('an on-demand rotation leaves automatic rotation as it was (off: no period or date; on: same NextRotationDate)', async () => {
  const off = await createKey();
  await client.send(new RotateKeyOnDemandCommand({ KeyId: off }));
  expect(fields(await client.send(new GetKeyRotationStatusCommand({ KeyId: off })))).toEqual({
    KeyId: keyArnOf(off),
    KeyRotationEnabled: false,
  });

  const on = await createKey();
  await client.send(new EnableKeyRotationCommand({ KeyId: on }));
  const before = await client.send(new GetKeyRotationStatusCommand({ KeyId: on }));
  await client.send(new RotateKeyOnDemandCommand({ KeyId: on }));
  const after = await client.send(new GetKeyRotationStatusCommand({ KeyId: on }));
  expect(fields(after)).toEqual({
    KeyId: keyArnOf(on),
    KeyRotationEnabled: true,
    NextRotationDate: before.NextRotationDate,
    RotationPeriodInDays: 365,
  });
});

test('RotateKeyOnDemand errors: disabled before key spec, unknown key, non-symmetric key with no message', async () => {
  const rsa = await createKey({ KeySpec: 'RSA_4096', KeyUsage: 'ENCRYPT_DECRYPT' });
  const { status, json } = await rawKms('RotateKeyOnDemand', JSON.stringify({ KeyId: rsa }));
  expect(status).toBe(400);
  expect(json.__type).toBe('UnsupportedOperationException');
  expect(json.message ?? '').toBe('');

  await client.send(new DisableKeyCommand({ KeyId: rsa }));
  await expect(client.send(new RotateKeyOnDemandCommand({ KeyId: rsa }))).rejects.toMatchObject({
    name: 'DisabledException',
    message: `${keyArnOf(rsa)} is disabled.`,
    $metadata: { httpStatusCode: 400 },
  });

  const unknown = '1234abcd-12ab-34cd-56ef-1234567890ab';
  await expect(client.send(new RotateKeyOnDemandCommand({ KeyId: unknown }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Key '${keyArnOf(unknown)}' does not exist`,
  });
});

test('the 11th on-demand rotation is LimitExceededException with the recorded text', async () => {
  const KeyId = await createKey();
  for (let i = 0; i < 10; i++) await client.send(new RotateKeyOnDemandCommand({ KeyId }));
  await expect(client.send(new RotateKeyOnDemandCommand({ KeyId }))).rejects.toMatchObject({
    name: 'LimitExceededException',
    message: `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${keyArnOf(KeyId)}`,
    $metadata: { httpStatusCode: 400 },
  });
  const { Rotations } = await client.send(new ListKeyRotationsCommand({ KeyId }));
  expect(Rotations).toHaveLength(10);
});

test('RotateKeyOnDemand on an EXTERNAL key without material is pending import', async () => {
  const KeyId = await createKey({ Origin: 'EXTERNAL', Description: 'test-key' });
  await expect(client.send(new RotateKeyOnDemandCommand({ KeyId }))).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: `${keyArnOf(KeyId)} is pending import.`,
  });
});

test('ListKeyRotations lists rotations (AUTOMATIC and ON_DEMAND), the first material only with ALL_KEY_MATERIAL, in pages', async () => {
  const KeyId = await createKey();
  const first = await currentMaterialId(KeyId);
  expect(fields(await client.send(new ListKeyRotationsCommand({ KeyId })))).toEqual({
    Rotations: [],
    Truncated: false,
  });

  await client.send(new RotateKeyOnDemandCommand({ KeyId }));
  const onDemandAt = server().emulator.clock.now();
  const onDemand = await currentMaterialId(KeyId);
  const { Rotations, Truncated } = await client.send(new ListKeyRotationsCommand({ KeyId }));
  expect(Truncated).toBe(false);
  expect(Rotations).toHaveLength(1);
  expect(Object.keys(Rotations![0]!).sort()).toEqual(
    ['KeyId', 'KeyMaterialId', 'KeyMaterialState', 'RotationDate', 'RotationType'].sort(),
  );
  expect(Rotations![0]).toMatchObject({
    KeyId,
    KeyMaterialId: onDemand,
    KeyMaterialState: 'CURRENT',
    RotationType: 'ON_DEMAND',
  });
  expect(Math.abs(Rotations![0]!.RotationDate!.getTime() - onDemandAt)).toBeLessThan(60_000);

  const all = await client.send(
    new ListKeyRotationsCommand({ KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
  );
  expect(all.Rotations).toEqual([
    { KeyId, KeyMaterialId: first, KeyMaterialState: 'NON_CURRENT' },
    expect.objectContaining({ KeyMaterialId: onDemand, KeyMaterialState: 'CURRENT' }),
  ]);

  const page1 = await client.send(
    new ListKeyRotationsCommand({ KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL', Limit: 1 }),
  );
  expect(page1).toMatchObject({ Truncated: true, Rotations: [{ KeyMaterialId: first }] });
  const page2 = await client.send(
    new ListKeyRotationsCommand({
      KeyId,
      IncludeKeyMaterial: 'ALL_KEY_MATERIAL',
      Limit: 1,
      Marker: page1.NextMarker,
    }),
  );
  expect(page2).toMatchObject({ Truncated: false, Rotations: [{ KeyMaterialId: onDemand }] });
  expect(page2.NextMarker).toBeUndefined();

  const signing = await createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  await expect(client.send(new ListKeyRotationsCommand({ KeyId: signing }))).rejects.toMatchObject({
    name: 'UnsupportedOperationException',
  });
});

test('automatic rotation follows the clock: dated when due, old ciphertext still decrypts, the next date moves on', async () => {
  const KeyId = await createKey();
  const idle = await createKey();
  await client.send(new EnableKeyRotationCommand({ KeyId, RotationPeriodInDays: 90 }));
  await client.send(new EnableKeyRotationCommand({ KeyId: idle, RotationPeriodInDays: 90 }));
  await client.send(new DisableKeyCommand({ KeyId: idle }));
  const { NextRotationDate: due } = await client.send(new GetKeyRotationStatusCommand({ KeyId }));
  const before = await encrypt(KeyId, 'from before');
  const first = await currentMaterialId(KeyId);
  const idleFirst = await currentMaterialId(idle);

  server().emulator.clock.advance(89 * DAY_MS);
  expect(await currentMaterialId(KeyId)).toBe(first);

  // Past the second due date: two automatic rotations, each dated when it was due.
  server().emulator.clock.advance(92 * DAY_MS);
  const current = await currentMaterialId(KeyId);
  expect(current).not.toBe(first);
  const { Rotations } = await client.send(new ListKeyRotationsCommand({ KeyId }));
  expect(Rotations!.map((r) => [r.RotationType, r.RotationDate!.getTime(), r.KeyMaterialState])).toEqual([
    ['AUTOMATIC', due!.getTime(), 'NON_CURRENT'],
    ['AUTOMATIC', due!.getTime() + 90 * DAY_MS, 'CURRENT'],
  ]);
  expect(Rotations![1]!.KeyMaterialId).toBe(current);
  expect((await client.send(new GetKeyRotationStatusCommand({ KeyId }))).NextRotationDate!.getTime()).toBe(
    due!.getTime() + 180 * DAY_MS,
  );
  const old = await client.send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob }));
  expect(new TextDecoder().decode(old.Plaintext)).toBe('from before');
  expect(old.KeyMaterialId).toBe(first);
  expect((await encrypt(KeyId)).KeyId).toBe(keyArnOf(KeyId));

  // A disabled key is not rotated; once enabled again, its missed rotation happens.
  expect(await currentMaterialId(idle)).toBe(idleFirst);
  await client.send(new EnableKeyCommand({ KeyId: idle }));
  expect(await currentMaterialId(idle)).not.toBe(idleFirst);
});

test('an AWS managed key rotates automatically every 365 days and reports it', async () => {
  const KeyId = (await client.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!.KeyId!;
  const status = await client.send(new GetKeyRotationStatusCommand({ KeyId }));
  expect(status).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
  await expect(client.send(new DisableKeyRotationCommand({ KeyId }))).rejects.toMatchObject({
    name: 'AccessDeniedException',
    message: `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: kms:DisableKeyRotation on resource: ${keyArnOf(KeyId)} because no resource-based policy allows the kms:DisableKeyRotation action`,
  });
  const first = await currentMaterialId(KeyId);
  server().emulator.clock.advance(status.NextRotationDate!.getTime() - server().emulator.clock.now() + 1);
  expect(await currentMaterialId(KeyId)).not.toBe(first);
});
