/**
 * The console's KMS clients, configured exactly like a real app's: a Region, static credentials, the default
 * endpoint `https://kms.<region>.amazonaws.com`, which kmsw answers. The access key id picks the identity when the
 * emulator has identities (the identity picker); the secret is a dummy unless signatures are verified, in which case
 * the console cannot sign for an identity and says so.
 * https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/kms/
 */
import { KMSClient } from '@aws-sdk/client-kms';

export const DEFAULT_ACCESS_KEY_ID = 'AKIAKMSWEXAMPLE';

export function createConsoleClient(region = 'us-east-1', accessKeyId = DEFAULT_ACCESS_KEY_ID): KMSClient {
  return new KMSClient({ region, credentials: { accessKeyId, secretAccessKey: 'kmsw' } });
}
