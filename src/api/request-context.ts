// Per-request facts every KMS operation handler receives next to its input: who is calling, where, and the
// request id that AWS would return in the x-amzn-RequestId header.

export interface RequestContext {
  /** The 12-digit AWS account id the request acts in. */
  account: string;
  /** The AWS region the request was sent to, e.g. `us-east-1`. */
  region: string;
  /** The request id (a UUID) reported in the response headers. */
  requestId: string;
  /** The access key id from the SigV4 Authorization header, when there is one. */
  accessKeyId?: string;
}
