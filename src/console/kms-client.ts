/**
 * The console's one KMS client, configured exactly like a real app's: region us-east-1, static dummy
 * credentials, the default endpoint `https://kms.us-east-1.amazonaws.com`. kmsw answers those fetches.
 * https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/kms/
 */
import { KMSClient } from '@aws-sdk/client-kms';

export const kmsClient = new KMSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIAKMSWEXAMPLE', secretAccessKey: 'kmsw' },
});
