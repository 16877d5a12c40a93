/**
 * MACs: GenerateMac and VerifyMac with HMAC keys (HMAC_224/256/384/512, usage GENERATE_VERIFY_MAC).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_VerifyMac.html
 */
import { InvalidKeyUsageException, KMSInvalidMacException } from '../../api/generated/exceptions.ts';
import type {
  GenerateMacRequest,
  GenerateMacResponse,
  MacAlgorithmSpec,
  VerifyMacRequest,
  VerifyMacResponse,
} from '../../api/generated/types.ts';
import { hmac, hmacVerify } from '../../crypto/engine.ts';
import { endDryRun, keyForCrypto } from '../crypto-key-use.ts';
import { KEY_SPECS } from '../key-spec-catalog.ts';
import type { Operation } from '../operation-context.ts';
import type { KeyRecord } from '../records.ts';
import { currentMaterial } from '../symmetric-envelope.ts';

function checkMacAlgorithm(key: KeyRecord, algorithm: MacAlgorithmSpec): void {
  if (!(KEY_SPECS[key.keySpec].mac ?? []).includes(algorithm)) {
    throw new InvalidKeyUsageException(
      `Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`,
    );
  }
}

export const GenerateMac: Operation<GenerateMacRequest, GenerateMacResponse> = async (input, op) => {
  const key = await keyForCrypto(op, input.KeyId, 'GENERATE_VERIFY_MAC', 'GenerateMac');
  checkMacAlgorithm(key, input.MacAlgorithm);
  endDryRun(input.DryRun);
  const mac = await hmac(input.MacAlgorithm, currentMaterial(key)!.secret!, input.Message);
  return { Mac: mac, MacAlgorithm: input.MacAlgorithm, KeyId: key.arn };
};

export const VerifyMac: Operation<VerifyMacRequest, VerifyMacResponse> = async (input, op) => {
  const key = await keyForCrypto(op, input.KeyId, 'GENERATE_VERIFY_MAC', 'VerifyMac');
  checkMacAlgorithm(key, input.MacAlgorithm);
  // hmacVerify compares in constant time.
  const valid = await hmacVerify(input.MacAlgorithm, currentMaterial(key)!.secret!, input.Message, input.Mac);
  if (!valid) throw new KMSInvalidMacException();
  endDryRun(input.DryRun);
  return { KeyId: key.arn, MacValid: true, MacAlgorithm: input.MacAlgorithm };
};
