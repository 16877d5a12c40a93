/**
 * Redaction of the request log bodies: the model's sensitive members and wrapped key material become
 * "<redacted N bytes>", nested secrets too, and a body without secrets is not copied.
 */
import { expect, test } from 'vitest';
import { redactRequest, redactResponse } from './redact.ts';

const b64 = (n: number) => Buffer.alloc(n, 7).toString('base64');

test('Encrypt: Plaintext becomes "<redacted N bytes>" with its decoded length; the rest stays', () => {
  for (const n of [1, 2, 3, 4, 4096]) {
    const body = { KeyId: 'alias/app', Plaintext: b64(n), EncryptionContext: { a: 'b' } };
    expect(redactRequest('Encrypt', body)).toEqual({
      KeyId: 'alias/app',
      Plaintext: `<redacted ${n} bytes>`,
      EncryptionContext: { a: 'b' },
    });
    expect(body.Plaintext).toBe(b64(n));
  }
});

test('responses: data key plaintext, data key pair private key, shared secrets and random bytes are redacted', () => {
  expect(
    redactResponse('GenerateDataKey', { KeyId: 'k', Plaintext: b64(32), CiphertextBlob: b64(9) }),
  ).toEqual({ KeyId: 'k', Plaintext: '<redacted 32 bytes>', CiphertextBlob: b64(9) });
  expect(
    redactResponse('GenerateDataKeyPair', {
      PrivateKeyPlaintext: b64(121),
      PrivateKeyCiphertextBlob: b64(10),
      PublicKey: b64(91),
    }),
  ).toEqual({
    PrivateKeyPlaintext: '<redacted 121 bytes>',
    PrivateKeyCiphertextBlob: b64(10),
    PublicKey: b64(91),
  });
  expect(redactResponse('DeriveSharedSecret', { SharedSecret: b64(32) })).toEqual({
    SharedSecret: '<redacted 32 bytes>',
  });
  expect(redactResponse('Decapsulate', { SharedSecret: b64(32) })).toEqual({
    SharedSecret: '<redacted 32 bytes>',
  });
  expect(redactResponse('GenerateRandom', { Plaintext: b64(5) })).toEqual({
    Plaintext: '<redacted 5 bytes>',
  });
  expect(redactResponse('Decrypt', { KeyId: 'k', Plaintext: b64(3) })).toEqual({
    KeyId: 'k',
    Plaintext: '<redacted 3 bytes>',
  });
});

test('imported key material is redacted although the model does not mark it sensitive; the import token is not', () => {
  expect(
    redactRequest('ImportKeyMaterial', { KeyId: 'k', ImportToken: b64(20), EncryptedKeyMaterial: b64(256) }),
  ).toEqual({ KeyId: 'k', ImportToken: b64(20), EncryptedKeyMaterial: '<redacted 256 bytes>' });
});

test('nested secrets (XKS proxy credentials, key store password) are redacted, strings by their UTF-8 length', () => {
  const body = {
    CustomKeyStoreName: 'xks',
    KeyStorePassword: 'pässword',
    XksProxyAuthenticationCredential: {
      AccessKeyId: 'ABCDEFGHIJKLMNOPQRST',
      RawSecretAccessKey: 'x'.repeat(43),
    },
  };
  expect(redactRequest('CreateCustomKeyStore', body)).toEqual({
    CustomKeyStoreName: 'xks',
    KeyStorePassword: '<redacted 9 bytes>',
    XksProxyAuthenticationCredential: {
      AccessKeyId: '<redacted 20 bytes>',
      RawSecretAccessKey: '<redacted 43 bytes>',
    },
  });
});

test('a value of the wrong JSON type under a secret member is redacted too', () => {
  expect(redactRequest('Encrypt', { KeyId: 'k', Plaintext: [1, 2, 3] })).toEqual({
    KeyId: 'k',
    Plaintext: '<redacted>',
  });
});

test('a body without secrets is returned as it is, not copied', () => {
  const body = { KeyId: 'k', CiphertextBlob: b64(100) };
  expect(redactRequest('Decrypt', body)).toBe(body);
  const created = { KeyMetadata: { KeyId: 'k' } };
  expect(redactResponse('CreateKey', created)).toBe(created);
});
