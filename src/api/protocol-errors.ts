// Errors of the AWS JSON protocol layer that the KMS Smithy model does not list but real KMS sends
// (https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html).

import { KmsError } from './kms-error.ts';

/** A constraint of the model is violated, or a KMS-specific input check failed. */
export class ValidationException extends KmsError {
  override readonly name = 'ValidationException';
  readonly type = 'ValidationException';
  readonly status = 400;
}

/** The request body is not JSON, or a member has the wrong JSON type or bad base64. */
export class SerializationException extends KmsError {
  override readonly name = 'SerializationException';
  readonly type = 'SerializationException';
  readonly status = 400;
}

/** The X-Amz-Target header names no KMS operation. AWS sends it without a message. */
export class UnknownOperationException extends KmsError {
  override readonly name = 'UnknownOperationException';
  readonly type = 'UnknownOperationException';
  readonly status = 400;
}

/** The caller may not perform the action (KMS sends 400, not 403). */
export class AccessDeniedException extends KmsError {
  override readonly name = 'AccessDeniedException';
  readonly type = 'AccessDeniedException';
  readonly status = 400;
}

/** SigV4 (verifySignatures): the request carries no Authorization header. */
export class MissingAuthenticationTokenException extends KmsError {
  override readonly name = 'MissingAuthenticationTokenException';
  readonly type = 'MissingAuthenticationTokenException';
  readonly status = 400;
}

/** SigV4 (verifySignatures): the Authorization header lacks a part (Credential, SignedHeaders, Signature, date). */
export class IncompleteSignatureException extends KmsError {
  override readonly name = 'IncompleteSignatureException';
  readonly type = 'IncompleteSignatureException';
  readonly status = 400;
}

/** SigV4 (verifySignatures): wrong signature, credential scope, or a date outside the allowed window. */
export class InvalidSignatureException extends KmsError {
  override readonly name = 'InvalidSignatureException';
  readonly type = 'InvalidSignatureException';
  readonly status = 400;
}

/** SigV4 (verifySignatures): the access key id is not one of the configured identities. */
export class UnrecognizedClientException extends KmsError {
  override readonly name = 'UnrecognizedClientException';
  readonly type = 'UnrecognizedClientException';
  readonly status = 400;
}

/**
 * A request-rate quota is exhausted (kmsw's opt-in `quotas`). KMS sends 400 with this code; AWS SDKs retry it with
 * back-off. https://docs.aws.amazon.com/kms/latest/developerguide/throttling.html
 */
export class ThrottlingException extends KmsError {
  override readonly name = 'ThrottlingException';
  readonly type = 'ThrottlingException';
  readonly status = 400;
}
