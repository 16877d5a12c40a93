// Keys in external key stores double-encrypt: the KMS-material layer inside, the external key's layer outside.
import { expect, test } from 'vitest';
import { aesGcmOpen } from '../../crypto/aes-gcm.ts';
import { parseBlob, concatBytes } from '../ciphertext-blob.ts';
import { encodeEncryptionContext } from '../encryption-context.ts';
import type { KeyRecord } from '../records.ts';
import { openSymmetric, sealSymmetric } from '../symmetric-envelope.ts';
import { externalKeyBytes } from './external-key.ts';

const material = {
  id: 'a'.repeat(64),
  createdAt: 0,
  state: 'CURRENT' as const,
  secret: new Uint8Array(32).fill(7),
};
const xksKey = {
  account: '111122223333',
  region: 'us-east-1',
  keyId: '11111111-2222-4333-8444-555555555555',
  customKeyStoreId: 'cks-0123456789abcdef0',
  xksKeyId: 'xks-key-1',
  materials: [material],
} as unknown as KeyRecord;
const plaintext = new TextEncoder().encode('double');
const context = { purpose: 'test' };

test('an XKS key seals twice and opens only with both keys', async () => {
  const blob = await sealSymmetric(xksKey, material, plaintext, context);
  const parsed = parseBlob(blob)!;
  expect((await openSymmetric(xksKey, parsed, context))?.plaintext).toEqual(plaintext);
  // The KMS material alone cannot open it: the outer layer is the external key's.
  const withoutExternal = { ...xksKey, xksKeyId: undefined } as KeyRecord;
  expect(await openSymmetric(withoutExternal, parsed, context)).toBeUndefined();
  // Peeling the outer layer with the external key leaves a blob the KMS material opens.
  const aad = concatBytes(parsed.header, encodeEncryptionContext(context));
  const inner = await aesGcmOpen(await externalKeyBytes(xksKey), parsed.nonce, parsed.sealed, aad);
  expect(inner).not.toBeNull();
  expect(await aesGcmOpen(material.secret, parsed.nonce, inner!, aad)).toEqual(plaintext);
  // Another external key id is another key.
  expect(await openSymmetric({ ...xksKey, xksKeyId: 'xks-key-2' }, parsed, context)).toBeUndefined();
});
