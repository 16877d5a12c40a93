import { expect, test } from 'vitest';
import type { KmsRequestLogEntry } from '../msw/browser.ts';
import { asAwsCli, asSdkCode, cliCommandName } from './request-log-copy.ts';

const entry = (operation: string, request: unknown): KmsRequestLogEntry => ({
  id: '1',
  time: '2026-01-01T00:00:00.000Z',
  operation,
  region: 'eu-west-1',
  account: '000000000000',
  status: 200,
  durationMs: 1,
  request,
  response: {},
});

test('SDK code sends the same command, blobs decoded from base64 and redacted values marked', () => {
  const code = asSdkCode(
    entry('Encrypt', { KeyId: 'alias/app', Plaintext: '<redacted 5 bytes>', EncryptionContext: { a: 'b' } }),
  );
  expect(code).toContain("import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';");
  expect(code).toContain('region: "eu-west-1"');
  expect(code).toContain('KeyId: "alias/app",');
  expect(code).toContain('Plaintext: /* <redacted 5 bytes> */ new Uint8Array(),');
  expect(code).toContain('"a": "b"');
  const decrypt = asSdkCode(entry('Decrypt', { CiphertextBlob: 'AQID' }));
  expect(decrypt).toContain('CiphertextBlob: Uint8Array.from(atob("AQID"), (c) => c.charCodeAt(0)),');
});

test('AWS CLI uses the kebab-case command and the JSON body as --cli-input-json, shell-quoted', () => {
  expect(cliCommandName('GenerateDataKeyPairWithoutPlaintext')).toBe(
    'generate-data-key-pair-without-plaintext',
  );
  expect(asAwsCli(entry('ListKeys', {}))).toBe('aws kms list-keys --region eu-west-1\n');
  expect(asAwsCli(entry('CreateKey', { Description: "it's mine" }))).toBe(
    `aws kms create-key --region eu-west-1 \\\n  --cli-input-json '{"Description":"it'\\''s mine"}'\n`,
  );
});
