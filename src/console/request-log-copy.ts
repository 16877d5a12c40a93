/**
 * "Copy as SDK code" and "Copy as AWS CLI" for a request log entry: the same request, written as a user would
 * write it. Blob members (base64 in the JSON body) become Uint8Arrays in SDK code; the AWS CLI takes the JSON body
 * as it is through `--cli-input-json` (blobs as base64, the CLI v2 default). Values the log redacted stay visible as
 * `<redacted N bytes>` placeholders to fill in.
 * https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-skeleton.html
 */
import type { KmsRequestLogEntry } from '../msw/browser.ts';

/** Request members of KMS operations that are blobs (base64 on the wire). */
const BLOB_MEMBERS = new Set([
  'Plaintext',
  'CiphertextBlob',
  'Message',
  'Signature',
  'Mac',
  'PublicKey',
  'EncryptedKeyMaterial',
  'ImportToken',
  'SharedSecretCiphertextBlob',
]);

const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);

function sdkValue(name: string, value: unknown): string {
  if (BLOB_MEMBERS.has(name) && typeof value === 'string' && !value.startsWith('<redacted')) {
    return `Uint8Array.from(atob(${JSON.stringify(value)}), (c) => c.charCodeAt(0))`;
  }
  if (typeof value === 'string' && value.startsWith('<redacted')) return `/* ${value} */ new Uint8Array()`;
  return JSON.stringify(value, null, 2);
}

export function asSdkCode(entry: KmsRequestLogEntry): string {
  const command = `${entry.operation}Command`;
  const body = (entry.request && typeof entry.request === 'object' ? entry.request : {}) as Record<
    string,
    unknown
  >;
  const members = Object.entries(body).map(
    ([name, value]) => `    ${name}: ${indent(sdkValue(name, value), '    ')},`,
  );
  const input = members.length ? `{\n${members.join('\n')}\n  }` : '{}';
  return [
    `import { KMSClient, ${command} } from '@aws-sdk/client-kms';`,
    '',
    `const client = new KMSClient({ region: ${JSON.stringify(entry.region)} });`,
    `const output = await client.send(`,
    `  new ${command}(${input}),`,
    `);`,
    '',
  ].join('\n');
}

/** `GenerateDataKeyPairWithoutPlaintext` → `generate-data-key-pair-without-plaintext`. */
export function cliCommandName(operation: string): string {
  return operation.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function asAwsCli(entry: KmsRequestLogEntry): string {
  const body = entry.request && typeof entry.request === 'object' ? entry.request : {};
  const json = JSON.stringify(body);
  const input = json === '{}' ? '' : ` \\\n  --cli-input-json ${shellQuote(json)}`;
  return `aws kms ${cliCommandName(entry.operation)} --region ${entry.region}${input}\n`;
}
