/**
 * Security hygiene of the browser mode: no KMS key material ever shows up in what the page logs or receives over
 * the network (it lives only in IndexedDB), and nothing needs `eval`/`new Function` — the console and the harness
 * run under `Content-Security-Policy: script-src 'self'` with every crypto family still answering.
 */
import { createPrivateKey } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Every console message and every request and response body the page sees, as text. */
function captureTraffic(page: Page): { texts: string[]; pending: Promise<unknown>[] } {
  const texts: string[] = [];
  const pending: Promise<unknown>[] = [];
  page.on('console', (message) => texts.push(message.text()));
  page.on('request', (request) => texts.push(request.postData() ?? ''));
  page.on('response', (response) => {
    pending.push(
      response.body().then(
        // hex too, so raw material bytes inside a binary body would show up as its hex form.
        (body) => texts.push(body.toString('utf8'), body.toString('hex')),
        () => undefined, // redirects and bodies dropped by a navigation have none
      ),
    );
  });
  return { texts, pending };
}

/** The text forms a leak of `material` would take: base64, base64url, hex; for private keys also the JWK fields. */
function leakForms(material: Buffer, kind: 'secret' | 'privateKey'): string[] {
  const forms = [material.toString('base64'), material.toString('base64url'), material.toString('hex')];
  if (kind === 'privateKey') {
    const jwk = createPrivateKey({ key: material, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
    for (const field of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) if (jwk[field]) forms.push(jwk[field]);
  }
  return forms;
}

interface Bytes {
  $bytes: string;
}

test('no key material appears in console messages or network bodies, errors included', async ({
  page,
  openHarness,
}) => {
  const traffic = captureTraffic(page);
  await openHarness('worker');
  const { dataKey, errors, exported } = await page.evaluate(async () => {
    const { client, commands, admin, toBase64 } = window.kmsw;
    const create = async (input: NonNullable<ConstructorParameters<typeof commands.CreateKeyCommand>[0]>) =>
      (await client.send(new commands.CreateKeyCommand(input))).KeyMetadata?.KeyId ?? '';
    const symmetric = await create({ Description: 'aes' });
    const hmac = await create({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const rsa = await create({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    const Plaintext = new TextEncoder().encode('secret message');
    const sealed = await client.send(new commands.EncryptCommand({ KeyId: symmetric, Plaintext }));
    await client.send(new commands.DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }));
    const rsaAlgorithm = { KeyId: rsa, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' } as const;
    const rsaSealed = await client.send(new commands.EncryptCommand({ ...rsaAlgorithm, Plaintext }));
    await client.send(
      new commands.DecryptCommand({ ...rsaAlgorithm, CiphertextBlob: rsaSealed.CiphertextBlob }),
    );
    const generated = await client.send(
      new commands.GenerateDataKeyCommand({ KeyId: symmetric, KeySpec: 'AES_256' }),
    );
    await client.send(
      new commands.GenerateMacCommand({ KeyId: hmac, MacAlgorithm: 'HMAC_SHA_256', Message: Plaintext }),
    );
    const errorName = (sending: Promise<unknown>) =>
      sending.then(
        () => 'no error',
        (error: Error) => error.name,
      );
    const tampered = sealed.CiphertextBlob!.slice();
    tampered[tampered.length - 1]! ^= 1;
    const errors = [
      await errorName(
        client.send(
          new commands.GenerateMacCommand({
            KeyId: symmetric,
            MacAlgorithm: 'HMAC_SHA_256',
            Message: Plaintext,
          }),
        ),
      ),
      await errorName(client.send(new commands.DecryptCommand({ CiphertextBlob: tampered }))),
      await errorName(client.send(new commands.EncryptCommand({ KeyId: hmac, Plaintext }))),
    ];
    return { dataKey: toBase64(generated.Plaintext!), errors, exported: await admin.exportJson() };
  });
  expect(errors).toEqual([
    'InvalidKeyUsageException',
    'InvalidCiphertextException',
    'InvalidKeyUsageException',
  ]);
  await Promise.all(traffic.pending);
  const captured = traffic.texts.join('\n');

  // The capture sees the KMS answers the service worker gives the page: the data key GenerateDataKey returned.
  expect(captured).toContain(dataKey);
  const keys = (
    JSON.parse(exported) as {
      data: { keys: { keySpec: string; materials: { secret?: Bytes; privateKey?: Bytes }[] }[] };
    }
  ).data.keys;
  expect(keys.map((k) => k.keySpec).sort()).toEqual(['HMAC_256', 'RSA_2048', 'SYMMETRIC_DEFAULT']);
  const forms = keys.flatMap((key) =>
    key.materials.flatMap((m) => [
      ...(m.secret ? leakForms(Buffer.from(m.secret.$bytes, 'base64'), 'secret') : []),
      ...(m.privateKey ? leakForms(Buffer.from(m.privateKey.$bytes, 'base64'), 'privateKey') : []),
    ]),
  );
  expect(forms.length).toBeGreaterThanOrEqual(3 + 3 + 9);
  // Hex forms are lower case: searching the lower-cased text finds upper-case hex as well.
  const lower = captured.toLowerCase();
  const leaks = forms.filter((form) => captured.includes(form) || lower.includes(form));
  expect(leaks).toEqual([]);
});

const CSP = "script-src 'self'";

/**
 * Serve the page's HTML document with `Content-Security-Policy: script-src 'self'` (only the document: the
 * service worker, once it controls the page, answers the rest). Reports CSP violations into `violations`.
 */
async function withStrictCsp(page: Page, documentUrl: RegExp, violations: string[]): Promise<void> {
  await page.route(documentUrl, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
}

/** The policy is in force: an eval in the page is refused, and reported like any violation would be. */
async function expectEvalRefused(page: Page, violations: string[]): Promise<void> {
  const refused = await page.evaluate(async () => {
    // Later than the evaluate call itself: DevTools allows eval while it runs a script it was sent.
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      (0, eval)('1');
      return 'eval allowed';
    } catch (error) {
      return (error as Error).name;
    }
  });
  expect(refused).toBe('EvalError');
  await expect.poll(() => violations.some((v) => v.includes('eval'))).toBe(true);
}

test('the harness runs every crypto family under script-src self: nothing needs eval', async ({
  page,
  openHarness,
}) => {
  const violations: string[] = [];
  await withStrictCsp(page, /\/e2e\/harness\.html/, violations);
  await openHarness('worker');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const results = await page.evaluate(async () => {
    const { clientIn, commands } = window.kmsw;
    const message = new TextEncoder().encode('under a strict CSP');
    const signers = [
      { spec: 'RSA_2048', algorithm: 'RSASSA_PSS_SHA_256', region: 'us-east-1' },
      { spec: 'ECC_NIST_P256', algorithm: 'ECDSA_SHA_256', region: 'us-east-1' },
      { spec: 'ECC_SECG_P256K1', algorithm: 'ECDSA_SHA_256', region: 'us-east-1' },
      { spec: 'ECC_NIST_EDWARDS25519', algorithm: 'ED25519_SHA_512', region: 'us-east-1' },
      { spec: 'ML_DSA_44', algorithm: 'ML_DSA_SHAKE_256', region: 'us-east-1' },
      { spec: 'SM2', algorithm: 'SM2DSA', region: 'cn-north-1' },
    ] as const;
    const signed = await Promise.all(
      signers.map(async ({ spec, algorithm, region }) => {
        const client = clientIn(region);
        try {
          const created = await client.send(
            new commands.CreateKeyCommand({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' }),
          );
          const common = { KeyId: created.KeyMetadata?.KeyId, SigningAlgorithm: algorithm, Message: message };
          const { Signature } = await client.send(new commands.SignCommand(common));
          const { SignatureValid } = await client.send(new commands.VerifyCommand({ ...common, Signature }));
          return `${spec}: ${SignatureValid}`;
        } catch (error) {
          return `${spec}: ${String(error)}`;
        }
      }),
    );
    const client = clientIn('us-east-1');
    const aes = await client.send(new commands.CreateKeyCommand({}));
    const sealed = await client.send(
      new commands.EncryptCommand({ KeyId: aes.KeyMetadata?.KeyId, Plaintext: message }),
    );
    const opened = await client.send(new commands.DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }));
    return { signed, decrypted: new TextDecoder().decode(opened.Plaintext) };
  });
  expect(results).toEqual({
    signed: [
      'RSA_2048: true',
      'ECC_NIST_P256: true',
      'ECC_SECG_P256K1: true',
      'ECC_NIST_EDWARDS25519: true',
      'ML_DSA_44: true',
      'SM2: true',
    ],
    decrypted: 'under a strict CSP',
  });
  expect(violations).toEqual([]);
  await expectEvalRefused(page, violations);
});

test('the console works under script-src self', async ({ page, dbName }) => {
  test.setTimeout(60_000);
  const violations: string[] = [];
  await withStrictCsp(page, /\/console\/\?db=/, violations);
  await page.goto(`/console/?db=${encodeURIComponent(dbName)}`);
  await expect(page.getByText('answered by service worker')).toBeVisible();
  await page.getByLabel('Description').fill('strict csp');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'strict csp' })).toBeVisible();
  await page.getByLabel('Plaintext').fill('no eval here');
  await page.getByRole('button', { name: 'Encrypt' }).click();
  await page.getByRole('button', { name: 'Decrypt' }).click();
  await expect(page.getByLabel('Decrypted text')).toHaveText('no eval here');
  expect(violations).toEqual([]);
  await expectEvalRefused(page, violations);
});
