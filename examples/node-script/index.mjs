// A plain Node script (no TypeScript, no test runner): the AWS SDK answered in-process by kmsw.
import assert from 'node:assert/strict';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { kmsRequestHandler } from 'kmsw';

const kms = new KMSClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example' },
  requestHandler: kmsRequestHandler(),
});

const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'node-script example' }));
await kms.send(new CreateAliasCommand({ AliasName: 'alias/example', TargetKeyId: KeyMetadata.KeyId }));
const { CiphertextBlob } = await kms.send(
  new EncryptCommand({
    KeyId: 'alias/example',
    Plaintext: new TextEncoder().encode('hello from a .mjs script'),
  }),
);
const { Plaintext, KeyId } = await kms.send(new DecryptCommand({ CiphertextBlob }));

assert.equal(new TextDecoder().decode(Plaintext), 'hello from a .mjs script');
assert.equal(KeyId, KeyMetadata.Arn);
assert.match(KeyMetadata.Arn, /^arn:aws:kms:eu-west-1:000000000000:key\//);
console.log(`ok: encrypted and decrypted with ${KeyId}`);
