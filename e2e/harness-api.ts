/**
 * What `e2e/harness.html` puts on `window` for Playwright's `page.evaluate`: the AWS SDK the page bundles (a
 * `KMSClient` configured like a real app, plus the command classes), the emulator's admin facade, and base64
 * helpers, since blobs are bytes. Type-only: the tests import it for the `Window` declaration, the page sets the values (harness.ts).
 */
import type {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  KMSClient,
  ListKeysCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  TagResourceCommand,
  VerifyCommand,
  VerifyMacCommand,
} from '@aws-sdk/client-kms';
import type { KmsAdmin } from '../src/msw/browser.ts';
import type { KmsEmulatorOptions } from '../src/msw/emulator.ts';

export type HarnessMode = 'worker' | 'inpage' | 'own-worker';

/** `?access=on`: an identity with a secret (IAM allows all), a role whose IAM policies allow nothing. */
export const ACCESS_OPTIONS = {
  identities: {
    AKIASIGNED0000000001: {
      arn: 'arn:aws:iam::111122223333:user/signer',
      secretAccessKey: 'browser-secret',
    },
    AKIAAPPROLE000000001: {
      arn: 'arn:aws:iam::111122223333:role/app',
      secretAccessKey: 'app-secret',
      policies: [],
    },
  },
  enforcePolicies: true,
  verifySignatures: true,
} satisfies KmsEmulatorOptions;

export interface KmswHarness {
  mode: HarnessMode;
  /** The us-east-1 client (`clientIn('us-east-1')`). */
  client: KMSClient;
  /** A client of `region` (one per region, cached), e.g. `cn-north-1` for SM2 keys. */
  clientIn(region: string): KMSClient;
  /** A client signing as `accessKeyId` with `secretAccessKey`, its clock moved by `systemClockOffset` ms. */
  clientAs(accessKeyId: string, secretAccessKey: string, systemClockOffset?: number): KMSClient;
  /** The emulator's admin facade (`emulator.admin`): export/import, reset, clock, subscribe. */
  admin: KmsAdmin;
  commands: {
    CreateKeyCommand: typeof CreateKeyCommand;
    DecryptCommand: typeof DecryptCommand;
    DescribeKeyCommand: typeof DescribeKeyCommand;
    EncryptCommand: typeof EncryptCommand;
    GenerateDataKeyCommand: typeof GenerateDataKeyCommand;
    GenerateMacCommand: typeof GenerateMacCommand;
    GetPublicKeyCommand: typeof GetPublicKeyCommand;
    ListKeysCommand: typeof ListKeysCommand;
    ListResourceTagsCommand: typeof ListResourceTagsCommand;
    ScheduleKeyDeletionCommand: typeof ScheduleKeyDeletionCommand;
    SignCommand: typeof SignCommand;
    TagResourceCommand: typeof TagResourceCommand;
    VerifyCommand: typeof VerifyCommand;
    VerifyMacCommand: typeof VerifyMacCommand;
  };
  toBase64(bytes: Uint8Array): string;
  fromBase64(text: string): Uint8Array;
}

declare global {
  interface Window {
    /** Set by harness.ts once the emulator answers; the `kmsPage` fixture waits for it. */
    kmsw: KmswHarness;
    /** Set instead of `kmsw` when the emulator failed to start. */
    kmswStartupError?: string;
  }
}
