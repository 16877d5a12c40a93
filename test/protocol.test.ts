/**
 * The AWS JSON 1.1 wire path through msw/node with raw requests the SDK cannot produce: unknown targets, bad JSON,
 * bad base64, not-implemented operations, request ids, and account/region scoping.
 */
import { CreateKeyCommand, DescribeKeyCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { OPERATION_NAMES } from '../src/api/generated/operations.ts';
import { implementedOperations } from '../src/kms/kms-service.ts';
import { kmsClient, rawKms, useKmsServer } from './support/kms-fixture.ts';

const { client } = useKmsServer();

test('an unknown target is UnknownOperationException', async () => {
  const { status, json, headers } = await rawKms('NoSuchOperation', '{}');
  expect(status).toBe(400);
  expect(json.__type).toBe('UnknownOperationException');
  expect(headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
});

test('a body that is not JSON is SerializationException', async () => {
  const { status, json } = await rawKms('ListKeys', '{not json');
  expect(status).toBe(400);
  expect(json.__type).toBe('SerializationException');
});

test('bad base64 in a blob member is SerializationException', async () => {
  const { status, json } = await rawKms('Decrypt', '{"CiphertextBlob":"@@@"}');
  expect(status).toBe(400);
  expect(json.__type).toBe('SerializationException');
});

test('every response carries x-amzn-RequestId and the JSON 1.1 content type', async () => {
  const ok = await rawKms('ListKeys', '{}');
  expect(ok.status).toBe(200);
  expect(ok.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  expect(ok.headers.get('content-type')).toBe('application/x-amz-json-1.1');
  expect(ok.json).toMatchObject({ Truncated: false });
});

test('an operation kmsw does not implement yet answers one error naming it', async () => {
  const { status, json } = await rawKms('CreateCustomKeyStore', '{"CustomKeyStoreName":"x"}');
  expect(status).toBe(501);
  expect(json).toEqual({
    __type: 'NotImplementedException',
    message: 'The KMS operation CreateCustomKeyStore is not implemented by kmsw yet.',
  });
});

test('state is scoped by region (host) and by account (12-digit access key id)', async () => {
  const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const west = kmsClient({ region: 'eu-west-1' });
  await expect(west.send(new DescribeKeyCommand({ KeyId: keyId }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Key 'arn:aws:kms:eu-west-1:000000000000:key/${keyId}' does not exist`,
  });
  const other = kmsClient({ credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
  const created = (await other.send(new CreateKeyCommand({}))).KeyMetadata!;
  expect(created.AWSAccountId).toBe('111122223333');
  expect(created.Arn).toBe(`arn:aws:kms:us-east-1:111122223333:key/${created.KeyId}`);
  const mine = await client.send(new ListKeysCommand({ Limit: 1000 }));
  expect(mine.Keys!.map((k) => k.KeyId)).not.toContain(created.KeyId);
});

test('the FIPS host is served too', async () => {
  const fips = kmsClient({ useFipsEndpoint: true });
  expect((await fips.send(new CreateKeyCommand({}))).KeyMetadata!.Arn).toContain(':us-east-1:');
});

test('51 of the 56 operations are implemented: all but the custom key store ones that need an HSM or a proxy', async () => {
  const missing = OPERATION_NAMES.filter((name) => !implementedOperations().includes(name));
  expect(missing).toEqual([
    'ConnectCustomKeyStore',
    'CreateCustomKeyStore',
    'DeleteCustomKeyStore',
    'DisconnectCustomKeyStore',
    'UpdateCustomKeyStore',
  ]);
  for (const name of missing) {
    const body =
      name === 'CreateCustomKeyStore' ? { CustomKeyStoreName: 'x' } : { CustomKeyStoreId: 'cks-1' };
    const { status, json } = await rawKms(name, JSON.stringify(body));
    expect(status).toBe(501);
    expect(json.__type).toBe('NotImplementedException');
  }
});
