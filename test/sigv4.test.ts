/**
 * SigV4 verification (`verifySignatures`) through the real SDK and, for what the SDK cannot send, raw requests: a
 * correct signature passes; a wrong secret, a tampered body, an expired or future date, a credential scope for
 * another Region or service, an unknown access key, a missing or incomplete Authorization header each answer
 * AWS's error.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html
 */
import { CreateKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { SignatureV4 } from '@smithy/signature-v4';
import { expect, test } from 'vitest';
import { Sha256 } from '../src/protocol/sha256.ts';
import { kmsRequestHandler } from '../src/msw/request-handler.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const handler = kmsRequestHandler({
  verifySignatures: true,
  identities: {
    AKIASIGNED0000000001: { arn: 'arn:aws:iam::111122223333:user/signer', secretAccessKey: SECRET },
    AKIANOSECRET00000001: 'arn:aws:iam::111122223333:user/unsigned',
  },
});

const client = (accessKeyId: string, secretAccessKey: string, extra: object = {}) =>
  new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey },
    requestHandler: handler,
    maxAttempts: 1,
    ...extra,
  });

const INVALID_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

test('a request signed with the identity secret passes, and acts in its account', async () => {
  const { KeyMetadata } = await client('AKIASIGNED0000000001', SECRET).send(new CreateKeyCommand({}));
  expect(KeyMetadata!.AWSAccountId).toBe('111122223333');
  // An identity without a secretAccessKey is not signature-checked.
  await client('AKIANOSECRET00000001', 'anything').send(new ListKeysCommand({}));
});

test('a wrong secret is InvalidSignatureException with AWS text', async () => {
  await expect(client('AKIASIGNED0000000001', 'wrong').send(new ListKeysCommand({}))).rejects.toMatchObject({
    name: 'InvalidSignatureException',
    message: INVALID_SIGNATURE,
    $metadata: { httpStatusCode: 400 },
  });
});

test('a body changed after signing is InvalidSignatureException', async () => {
  const tampering = client('AKIASIGNED0000000001', SECRET);
  tampering.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { body: string };
      request.body = JSON.stringify({ Limit: 5 });
      return next(args);
    },
    { step: 'deserialize' },
  );
  await expect(tampering.send(new ListKeysCommand({ Limit: 6 }))).rejects.toMatchObject({
    name: 'InvalidSignatureException',
    message: INVALID_SIGNATURE,
  });
});

test('an access key id not in the identities is UnrecognizedClientException', async () => {
  await expect(client('AKIAUNKNOWN000000001', SECRET).send(new ListKeysCommand({}))).rejects.toMatchObject({
    name: 'UnrecognizedClientException',
    message: 'The security token included in the request is invalid.',
    $metadata: { httpStatusCode: 400 },
  });
});

test('a request dated more than 5 minutes ago or ahead is refused', async () => {
  const stamp = /^\d{8}T\d{6}Z$/;
  const old = client('AKIASIGNED0000000001', SECRET, { systemClockOffset: -10 * 60_000 });
  const error = await old.send(new ListKeysCommand({})).catch((e: Error) => e);
  expect(error).toMatchObject({ name: 'InvalidSignatureException' });
  const expired = /^Signature expired: (\S+) is now earlier than (\S+) \((\S+) - 5 min\.\)$/.exec(
    (error as Error).message,
  );
  expect(expired?.slice(1).every((s) => stamp.test(s))).toBe(true);
  const future = client('AKIASIGNED0000000001', SECRET, { systemClockOffset: 10 * 60_000 });
  const later = await future.send(new ListKeysCommand({})).catch((e: Error) => e);
  expect((later as Error).message).toMatch(
    /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/,
  );
});

test('a credential scope for another Region or service is InvalidSignatureException', async () => {
  const westSigned = client('AKIASIGNED0000000001', SECRET, {
    region: 'us-west-2',
    endpoint: 'https://kms.us-east-1.amazonaws.com',
  });
  await expect(westSigned.send(new ListKeysCommand({}))).rejects.toMatchObject({
    name: 'InvalidSignatureException',
    message: "Credential should be scoped to a valid region, not 'us-west-2'. ",
  });
  const response = await signedRaw({ service: 's3' });
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({
    __type: 'InvalidSignatureException',
    message: "Credential should be scoped to correct service: 'kms'. ",
  });
});

/** A ListKeys request signed by the SDK's signer, then sent raw to the emulator. */
async function signedRaw(options: {
  service?: string;
  authorization?: (value: string) => string | undefined;
}) {
  const signer = new SignatureV4({
    service: options.service ?? 'kms',
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIASIGNED0000000001', secretAccessKey: SECRET },
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'https:',
    hostname: 'kms.us-east-1.amazonaws.com',
    path: '/',
    headers: {
      host: 'kms.us-east-1.amazonaws.com',
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'TrentService.ListKeys',
    },
    body: '{}',
  });
  const headers = { ...(signed.headers as Record<string, string>) };
  const authorization = options.authorization
    ? options.authorization(headers.authorization!)
    : headers.authorization;
  if (authorization === undefined) delete headers.authorization;
  else headers.authorization = authorization;
  return handler.emulator.fetch(
    new Request('https://kms.us-east-1.amazonaws.com/', { method: 'POST', headers, body: '{}' }),
  );
}

test('a correctly signed raw request passes (the raw helper signs right)', async () => {
  expect((await signedRaw({})).status).toBe(200);
});

test('no Authorization header is MissingAuthenticationTokenException', async () => {
  const response = await signedRaw({ authorization: () => undefined });
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({
    __type: 'MissingAuthenticationTokenException',
    message: 'Missing Authentication Token',
  });
});

test('an Authorization header without Signature or SignedHeaders is IncompleteSignatureException', async () => {
  const response = await signedRaw({ authorization: (value) => value.replace(/, Signature=[0-9a-f]+/, '') });
  const body = (await response.json()) as { __type: string; message: string };
  expect(body.__type).toBe('IncompleteSignatureException');
  expect(body.message).toMatch(
    /^Authorization header requires 'Signature' parameter\. Authorization=AWS4-HMAC-SHA256 Credential=AKIASIGNED0000000001\//,
  );
  const noHeaders = await signedRaw({
    authorization: (value) => value.replace(/, SignedHeaders=[^,]+/, '').replace(/, Signature=[0-9a-f]+/, ''),
  });
  expect(((await noHeaders.json()) as { message: string }).message).toMatch(
    /^Authorization header requires 'Signature' parameter\. Authorization header requires 'SignedHeaders' parameter\. Authorization=/,
  );
  const garbled = await signedRaw({ authorization: (value) => value.replace('Credential=', 'Credential') });
  expect(((await garbled.json()) as { __type: string }).__type).toBe('IncompleteSignatureException');
});

test('a signature that is not hex of the right value is InvalidSignatureException; nothing changes', async () => {
  const before = (await client('AKIASIGNED0000000001', SECRET).send(new ListKeysCommand({}))).Keys!.length;
  const response = await fetchCreateKeyWithSignature('0'.repeat(64));
  expect(await response.json()).toEqual({ __type: 'InvalidSignatureException', message: INVALID_SIGNATURE });
  expect((await client('AKIASIGNED0000000001', SECRET).send(new ListKeysCommand({}))).Keys!.length).toBe(
    before,
  );
});

async function fetchCreateKeyWithSignature(signature: string) {
  const date = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return handler.emulator.fetch(
    new Request('https://kms.us-east-1.amazonaws.com/', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'TrentService.CreateKey',
        'x-amz-date': date,
        authorization: `AWS4-HMAC-SHA256 Credential=AKIASIGNED0000000001/${date.slice(0, 8)}/us-east-1/kms/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${signature}`,
      },
      body: '{}',
    }),
  );
}
