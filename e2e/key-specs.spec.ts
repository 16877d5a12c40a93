/**
 * Every KeySpec through the real service worker: CreateKey with a usage AWS allows for it, then DescribeKey
 * shows the spec, the usage and `Enabled`. SM2 is only offered in the China Regions, so it goes through a
 * cn-north-1 client. RSA_4096 has its own test, which also checks that the page stays responsive while the
 * key is generated (the emulator runs in the page behind the worker).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
 */
import type { KeySpec, KeyUsageType } from '@aws-sdk/client-kms';
import { expect, test } from './fixtures.ts';

interface KeyCase {
  spec: KeySpec;
  usage: KeyUsageType;
  region: string;
}

const US = 'us-east-1';
const CN = 'cn-north-1';

/** One key per spec (RSA_4096 is created in its own test below), mixing the usages each spec allows. */
const CASES: readonly KeyCase[] = [
  { spec: 'SYMMETRIC_DEFAULT', usage: 'ENCRYPT_DECRYPT', region: US },
  { spec: 'RSA_2048', usage: 'SIGN_VERIFY', region: US },
  { spec: 'RSA_3072', usage: 'ENCRYPT_DECRYPT', region: US },
  { spec: 'ECC_NIST_P256', usage: 'SIGN_VERIFY', region: US },
  { spec: 'ECC_NIST_P384', usage: 'KEY_AGREEMENT', region: US },
  { spec: 'ECC_NIST_P521', usage: 'SIGN_VERIFY', region: US },
  { spec: 'ECC_SECG_P256K1', usage: 'SIGN_VERIFY', region: US },
  { spec: 'ECC_NIST_EDWARDS25519', usage: 'SIGN_VERIFY', region: US },
  { spec: 'HMAC_224', usage: 'GENERATE_VERIFY_MAC', region: US },
  { spec: 'HMAC_256', usage: 'GENERATE_VERIFY_MAC', region: US },
  { spec: 'HMAC_384', usage: 'GENERATE_VERIFY_MAC', region: US },
  { spec: 'HMAC_512', usage: 'GENERATE_VERIFY_MAC', region: US },
  { spec: 'ML_DSA_44', usage: 'SIGN_VERIFY', region: US },
  { spec: 'ML_DSA_65', usage: 'SIGN_VERIFY', region: US },
  { spec: 'ML_DSA_87', usage: 'SIGN_VERIFY', region: US },
  { spec: 'ML_KEM_512', usage: 'ENCAPSULATE_DECAPSULATE', region: US },
  { spec: 'ML_KEM_768', usage: 'ENCAPSULATE_DECAPSULATE', region: US },
  { spec: 'ML_KEM_1024', usage: 'ENCAPSULATE_DECAPSULATE', region: US },
  { spec: 'SM2', usage: 'SIGN_VERIFY', region: CN },
];

const arnPattern = (region: string) =>
  new RegExp(
    `^arn:${region.startsWith('cn-') ? 'aws-cn' : 'aws'}:kms:${region}:000000000000:key/[0-9a-f-]{36}$`,
  );

test('CreateKey and DescribeKey for every KeySpec but RSA_4096', async ({ kmsPage: page }) => {
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  const described = await page.evaluate(async (cases) => {
    const { clientIn, commands } = window.kmsw;
    return Promise.all(
      cases.map(async ({ spec, usage, region }) => {
        const client = clientIn(region);
        try {
          const created = await client.send(
            new commands.CreateKeyCommand({ KeySpec: spec, KeyUsage: usage, Description: spec }),
          );
          const { KeyMetadata: m } = await client.send(
            new commands.DescribeKeyCommand({ KeyId: created.KeyMetadata?.KeyId }),
          );
          return { spec, keySpec: m?.KeySpec, keyUsage: m?.KeyUsage, keyState: m?.KeyState, arn: m?.Arn };
        } catch (error) {
          return { spec, error: String(error) };
        }
      }),
    );
  }, CASES);

  expect(described).toEqual(
    CASES.map(({ spec, usage, region }) => ({
      spec,
      keySpec: spec,
      keyUsage: usage,
      keyState: 'Enabled',
      arn: expect.stringMatching(arnPattern(region)),
    })),
  );
});

test('RSA_4096 CreateKey keeps the page responsive and DescribeKey shows the key', async ({
  kmsPage: page,
}) => {
  const result = await page.evaluate(async () => {
    const { client, commands } = window.kmsw;
    // Two heartbeats: timers and animation frames. Both stop ticking when the main thread is blocked.
    const timerTicks: number[] = [];
    const frameTicks: number[] = [];
    let running = true;
    const onTimer = () => {
      timerTicks.push(performance.now());
      if (running) setTimeout(onTimer, 25);
    };
    const onFrame = (time: number) => {
      frameTicks.push(time);
      if (running) requestAnimationFrame(onFrame);
    };
    onTimer();
    requestAnimationFrame(onFrame);
    const started = performance.now();
    const created = await client.send(
      new commands.CreateKeyCommand({ KeySpec: 'RSA_4096', KeyUsage: 'ENCRYPT_DECRYPT' }),
    );
    const ended = performance.now();
    running = false;
    timerTicks.push(ended);
    const { KeyMetadata: m } = await client.send(
      new commands.DescribeKeyCommand({ KeyId: created.KeyMetadata?.KeyId }),
    );
    const maxGap = (ticks: number[]) =>
      ticks.slice(1).reduce((max, t, i) => Math.max(max, t - (ticks[i] ?? t)), 0);
    return {
      createMs: ended - started,
      timerTicks: timerTicks.length,
      frameTicks: frameTicks.length,
      maxTimerGap: maxGap(timerTicks),
      maxFrameGap: maxGap(frameTicks),
      keySpec: m?.KeySpec,
      keyUsage: m?.KeyUsage,
      keyState: m?.KeyState,
    };
  });

  test.info().annotations.push({
    type: 'rsa-4096',
    description: `CreateKey ${result.createMs.toFixed(0)} ms; max gap: timer ${result.maxTimerGap.toFixed(0)} ms, frame ${result.maxFrameGap.toFixed(0)} ms`,
  });
  expect({ keySpec: result.keySpec, keyUsage: result.keyUsage, keyState: result.keyState }).toEqual({
    keySpec: 'RSA_4096',
    keyUsage: 'ENCRYPT_DECRYPT',
    keyState: 'Enabled',
  });
  expect(result.maxTimerGap, 'longest setTimeout gap (ms) during CreateKey').toBeLessThan(1000);
  if (result.frameTicks > 1) {
    expect(result.maxFrameGap, 'longest requestAnimationFrame gap (ms)').toBeLessThan(1000);
  }
});
