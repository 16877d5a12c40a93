/**
 * Data key pairs: GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext. A fresh key pair of the requested
 * spec (RSA, NIST/SECG ECC, Ed25519, ML-KEM, SM2 in China) whose PKCS#8 private key is sealed under a symmetric
 * encryption KMS key with the encryption context, so Decrypt returns it.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPair.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPairWithoutPlaintext.html
 */
import { InvalidKeyUsageException, UnsupportedOperationException } from '../../api/generated/exceptions.ts';
import { ValidationException } from '../../api/protocol-errors.ts';
import type {
  DataKeyPairSpec,
  GenerateDataKeyPairRequest,
  GenerateDataKeyPairResponse,
  GenerateDataKeyPairWithoutPlaintextRequest,
  GenerateDataKeyPairWithoutPlaintextResponse,
  RecipientInfo,
} from '../../api/generated/types.ts';
import { generateKeyMaterial, type KeyPairMaterial } from '../../crypto/engine.ts';
import { endDryRun, keyForCrypto } from '../crypto-key-use.ts';
import { KEY_SPECS } from '../key-spec-catalog.ts';
import type { Operation, OperationContext } from '../operation-context.ts';
import { currentMaterial, sealSymmetric } from '../symmetric-envelope.ts';

interface DataKeyPairRequest {
  KeyId: string;
  KeyPairSpec: DataKeyPairSpec;
  EncryptionContext?: Readonly<Record<string, string>>;
  Recipient?: RecipientInfo;
  DryRun?: boolean;
}

async function makeDataKeyPair(input: DataKeyPairRequest, op: OperationContext, operation: string) {
  const key = await keyForCrypto(op, input.KeyId, 'ENCRYPT_DECRYPT', operation);
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') {
    throw new InvalidKeyUsageException(
      `${key.arn} key spec is ${key.keySpec} which is not valid for ${operation}.`,
    );
  }
  if (KEY_SPECS[input.KeyPairSpec].chinaOnly && !op.scope.region.startsWith('cn-')) {
    throw new ValidationException(`KeyPairSpec ${input.KeyPairSpec} is not supported in this region.`);
  }
  if (input.Recipient !== undefined) {
    throw new UnsupportedOperationException(
      `kmsw does not support Recipient (Nitro Enclaves attestation) for ${operation}.`,
    );
  }
  endDryRun(input.DryRun);
  const pair = (await generateKeyMaterial(input.KeyPairSpec)) as KeyPairMaterial;
  const material = currentMaterial(key)!;
  return {
    KeyId: key.arn,
    KeyPairSpec: input.KeyPairSpec,
    PublicKey: pair.publicKey,
    PrivateKeyPlaintext: pair.privateKey,
    PrivateKeyCiphertextBlob: await sealSymmetric(key, material, pair.privateKey, input.EncryptionContext),
    KeyMaterialId: material.id,
  };
}

export const GenerateDataKeyPair: Operation<GenerateDataKeyPairRequest, GenerateDataKeyPairResponse> = (
  input,
  op,
) => makeDataKeyPair(input, op, 'GenerateDataKeyPair');

export const GenerateDataKeyPairWithoutPlaintext: Operation<
  GenerateDataKeyPairWithoutPlaintextRequest,
  GenerateDataKeyPairWithoutPlaintextResponse
> = async (input, op) => {
  const pair = await makeDataKeyPair(input, op, 'GenerateDataKeyPairWithoutPlaintext');
  return {
    KeyId: pair.KeyId,
    KeyPairSpec: pair.KeyPairSpec,
    PublicKey: pair.PublicKey,
    PrivateKeyCiphertextBlob: pair.PrivateKeyCiphertextBlob,
    KeyMaterialId: pair.KeyMaterialId,
  };
};
