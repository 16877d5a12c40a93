/**
 * What `e2e/harness.html` puts on `window` for Playwright's `page.evaluate`: the AWS SDK the page bundles (a
 * `KMSClient` configured like a real app, plus the command classes) and base64 helpers, since blobs are
 * bytes. Type-only: the tests import it for the `Window` declaration, the page sets the values (harness.ts).
 */
import type {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  KMSClient,
  ListKeysCommand,
} from '@aws-sdk/client-kms';

export type HarnessMode = 'worker' | 'inpage';

export interface KmswHarness {
  mode: HarnessMode;
  client: KMSClient;
  commands: {
    CreateKeyCommand: typeof CreateKeyCommand;
    DecryptCommand: typeof DecryptCommand;
    DescribeKeyCommand: typeof DescribeKeyCommand;
    EncryptCommand: typeof EncryptCommand;
    ListKeysCommand: typeof ListKeysCommand;
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
