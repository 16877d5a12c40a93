/**
 * The AWS JSON 1.1 wire path through msw/node with raw requests the SDK cannot produce: unknown targets, bad JSON,
 * bad base64, not-implemented operations, request ids, and account/region scoping.
 */
import { CreateKeyCommand, DescribeKeyCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { OPERATION_NAMES } from '../src/api/generated/operations.ts';
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

test('a custom key store operation answers as AWS does, not with an error of its own', async () => {
  const { status, json } = await rawKms(
    'ConnectCustomKeyStore',
    '{"CustomKeyStoreId":"cks-1234567890abcdef0"}',
  );
  expect(status).toBe(400);
  expect(json).toEqual({
    __type: 'CustomKeyStoreNotFoundException',
    message: "Custom key store 'cks-1234567890abcdef0' does not exist",
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

test('all 56 operations are implemented: each answers with AWS JSON, never a 501', async () => {
  expect(OPERATION_NAMES).toHaveLength(56);
  for (const name of OPERATION_NAMES) {
    const { status, json } = await rawKms(name, '{}');
    expect(status, name).toBeLessThan(500);
    expect(typeof json.__type === 'string' || status === 200, name).toBe(true);
  }
});
