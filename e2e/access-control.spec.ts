/**
 * Access control in the browser: with identities, enforcePolicies and verifySignatures, the service worker and the
 * in-page modes verify SigV4 with the same signer as Node (wrong secret, unknown access key, expired date) and
 * authorise as AWS does (an AccessDenied with AWS's text), through the SDK the page bundles.
 */
import { expect, test } from './fixtures.ts';

const INVALID_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

for (const mode of ['worker', 'inpage'] as const) {
  test(`${mode}: signatures are verified and policies enforced`, async ({ page, dbName }) => {
    await page.goto(`/e2e/harness.html?mode=${mode}&access=on&db=${encodeURIComponent(dbName)}`);
    await page.waitForFunction(() => window.kmswStartupError !== undefined || 'kmsw' in window);
    expect(await page.evaluate(() => window.kmswStartupError)).toBeUndefined();
    const result = await page.evaluate(async () => {
      const { clientAs, commands, admin } = window.kmsw;
      const outcome = (promise: Promise<unknown>) =>
        promise.then(
          () => 'ok',
          (error: Error) => `${error.name}: ${error.message}`,
        );
      const signer = clientAs('AKIASIGNED0000000001', 'browser-secret');
      const created = await signer.send(new commands.CreateKeyCommand({ Description: 'signed' }));
      const keyId = created.KeyMetadata!.KeyId!;
      const plaintext = new TextEncoder().encode('x');
      return {
        arn: created.KeyMetadata!.Arn!,
        account: created.KeyMetadata!.AWSAccountId,
        signedEncrypt: await outcome(
          signer.send(new commands.EncryptCommand({ KeyId: keyId, Plaintext: plaintext })),
        ),
        wrongSecret: await outcome(
          clientAs('AKIASIGNED0000000001', 'wrong').send(new commands.ListKeysCommand({})),
        ),
        unknownKey: await outcome(
          clientAs('AKIAUNKNOWN000000001', 'x').send(new commands.ListKeysCommand({})),
        ),
        expired: await outcome(
          clientAs('AKIASIGNED0000000001', 'browser-secret', -10 * 60_000).send(
            new commands.ListKeysCommand({}),
          ),
        ),
        appEncrypt: await outcome(
          clientAs('AKIAAPPROLE000000001', 'app-secret').send(
            new commands.EncryptCommand({ KeyId: keyId, Plaintext: plaintext }),
          ),
        ),
        identities: admin.identities(),
        log: (await admin.requests()).map((e) => [e.operation, e.errorCode ?? 'ok', e.caller ?? '']),
      };
    });
    expect(result.account).toBe('111122223333');
    expect(result.signedEncrypt).toBe('ok');
    expect(result.wrongSecret).toBe(`InvalidSignatureException: ${INVALID_SIGNATURE}`);
    expect(result.unknownKey).toBe(
      'UnrecognizedClientException: The security token included in the request is invalid.',
    );
    expect(result.expired).toMatch(
      /^InvalidSignatureException: Signature expired: \d{8}T\d{6}Z is now earlier than/,
    );
    expect(result.appEncrypt).toBe(
      `AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/app/kmsw is not authorized to perform: kms:Encrypt on resource: ${result.arn} because no identity-based policy allows the kms:Encrypt action`,
    );
    expect(result.identities).toEqual([
      { accessKeyId: 'AKIASIGNED0000000001', arn: 'arn:aws:iam::111122223333:user/signer' },
      { accessKeyId: 'AKIAAPPROLE000000001', arn: 'arn:aws:sts::111122223333:assumed-role/app/kmsw' },
    ]);
    expect(result.log).toContainEqual([
      'Encrypt',
      'AccessDeniedException',
      'arn:aws:sts::111122223333:assumed-role/app/kmsw',
    ]);
    expect(result.log).toContainEqual(['CreateKey', 'ok', 'arn:aws:iam::111122223333:user/signer']);
  });
}
