/**
 * Signing: Sign and Verify with asymmetric SIGN_VERIFY keys (RSASSA-PSS / PKCS#1 v1.5, ECDSA, Ed25519 and
 * Ed25519ph, ML-DSA, SM2DSA), with MessageType RAW, DIGEST or EXTERNAL_MU.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Verify.html
 */
import type { SignRequest, SignResponse, VerifyRequest, VerifyResponse } from '../../api/generated/types.ts';
import { KMSInvalidSignatureException } from '../../api/generated/exceptions.ts';
import { sign, verify } from '../../crypto/engine.ts';
import { endDryRun, keyForCrypto } from '../crypto-key-use.ts';
import { checkSigningInput } from '../signing-rules.ts';
import type { Operation } from '../operation-context.ts';
import { currentMaterial } from '../symmetric-envelope.ts';

export const Sign: Operation<SignRequest, SignResponse> = async (input, op) => {
  const key = await keyForCrypto(op, input.KeyId, 'SIGN_VERIFY', 'Sign');
  const messageType = checkSigningInput(key, input.SigningAlgorithm, input.MessageType, input.Message);
  endDryRun(input.DryRun);
  const material = currentMaterial(key)!;
  const signature = await sign(
    key.keySpec,
    material.privateKey!,
    input.SigningAlgorithm,
    input.Message,
    messageType,
  );
  return { KeyId: key.arn, Signature: signature, SigningAlgorithm: input.SigningAlgorithm };
};

export const Verify: Operation<VerifyRequest, VerifyResponse> = async (input, op) => {
  const key = await keyForCrypto(op, input.KeyId, 'SIGN_VERIFY', 'Verify');
  const messageType = checkSigningInput(key, input.SigningAlgorithm, input.MessageType, input.Message);
  const material = currentMaterial(key)!;
  const valid = await verify(
    key.keySpec,
    material.publicKey!,
    input.SigningAlgorithm,
    input.Message,
    messageType,
    input.Signature,
  );
  // AWS never answers SignatureValid: false; a signature that does not verify is this exception, without text.
  if (!valid) throw new KMSInvalidSignatureException();
  // As Decrypt: a dry run answers only once the request would really have succeeded.
  endDryRun(input.DryRun);
  return { KeyId: key.arn, SignatureValid: true, SigningAlgorithm: input.SigningAlgorithm };
};
