/**
 * DescribeCustomKeyStores through the real SDK on msw/node: kmsw has no custom key stores, so the list is empty and
 * naming a store is CustomKeyStoreNotFoundException. The other custom key store operations are not implemented.
 */
import {
  CreateCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  paginateDescribeCustomKeyStores,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { useKmsServer } from './support/kms-fixture.ts';

const { client } = useKmsServer();

test('DescribeCustomKeyStores answers an empty, complete list', async () => {
  const { $metadata, ...body } = await client.send(new DescribeCustomKeyStoresCommand({}));
  expect($metadata.httpStatusCode).toBe(200);
  expect(body).toEqual({ CustomKeyStores: [], Truncated: false });
  const pages = [];
  for await (const page of paginateDescribeCustomKeyStores({ client }, { Limit: 10 })) pages.push(page);
  expect(pages.map((p) => p.CustomKeyStores)).toEqual([[]]);
});

test('naming a custom key store by id or by name is CustomKeyStoreNotFoundException', async () => {
  await expect(
    client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: 'cks-1234567890abcdef0' })),
  ).rejects.toMatchObject({
    name: 'CustomKeyStoreNotFoundException',
    message: "Custom key store 'cks-1234567890abcdef0' does not exist",
    $metadata: { httpStatusCode: 400 },
  });
  await expect(
    client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'ExampleKeyStore' })),
  ).rejects.toMatchObject({
    name: 'CustomKeyStoreNotFoundException',
    message: "Custom key store with name 'ExampleKeyStore' does not exist",
  });
});

test('an invalid marker is InvalidMarkerException', async () => {
  await expect(
    client.send(new DescribeCustomKeyStoresCommand({ Marker: 'bm90LWEtbWFya2Vy' })),
  ).rejects.toMatchObject({ name: 'InvalidMarkerException' });
});

test('creating a custom key store is not implemented', async () => {
  await expect(
    client.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: 'store',
        CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
      }),
    ),
  ).rejects.toMatchObject({ name: 'NotImplementedException', $metadata: { httpStatusCode: 501 } });
});
