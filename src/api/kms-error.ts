// Base class of every error kmsw answers with: the modelled KMS exceptions (generated/exceptions.ts) and the
// AWS JSON-protocol errors (protocol-errors.ts). `type` is the `__type` AWS puts in the JSON error body and
// `status` the HTTP status AWS actually sends. The message may be empty: AWS sends an empty message for
// InvalidCiphertextException, KMSInvalidSignatureException and KMSInvalidMacException.

export abstract class KmsError extends Error {
  /** The error code, sent as `__type` in the awsJson1_1 error body (e.g. `NotFoundException`). */
  abstract readonly type: string;
  /** The HTTP status code AWS sends with this error. */
  abstract readonly status: number;
  /**
   * kmsw's own note on why the error happened (e.g. which policy statement denied), for the request log and the
   * console; never sent to the client, whose message stays AWS's.
   */
  explanation?: string;

  constructor(message = '') {
    super(message);
  }
}
