/**
 * Where each of the 56 operations is implemented (one module per operation group under operations/), loaded on its
 * first call: an app that only encrypts does not download or parse custom key stores, grants or key import. The
 * table is typed as complete, so an operation of the model without an implementation does not compile.
 */
import type { OperationName } from '../api/generated/operations.ts';
import type { Operation } from './operation-context.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any, any>;

export const OPERATION_LOADERS: Readonly<Record<OperationName, () => Promise<AnyOperation>>> = {
  CancelKeyDeletion: () => import('./operations/keys.ts').then((group) => group.CancelKeyDeletion),
  ConnectCustomKeyStore: () =>
    import('./operations/custom-key-stores.ts').then((group) => group.ConnectCustomKeyStore),
  CreateAlias: () => import('./operations/aliases.ts').then((group) => group.CreateAlias),
  CreateCustomKeyStore: () =>
    import('./operations/custom-key-stores.ts').then((group) => group.CreateCustomKeyStore),
  CreateGrant: () => import('./operations/grants.ts').then((group) => group.CreateGrant),
  CreateKey: () => import('./operations/keys.ts').then((group) => group.CreateKey),
  Decapsulate: () => import('./operations/kem.ts').then((group) => group.Decapsulate),
  Decrypt: () => import('./operations/encryption.ts').then((group) => group.Decrypt),
  DeleteAlias: () => import('./operations/aliases.ts').then((group) => group.DeleteAlias),
  DeleteCustomKeyStore: () =>
    import('./operations/custom-key-stores.ts').then((group) => group.DeleteCustomKeyStore),
  DeleteImportedKeyMaterial: () =>
    import('./operations/import.ts').then((group) => group.DeleteImportedKeyMaterial),
  DeriveSharedSecret: () => import('./operations/key-agreement.ts').then((group) => group.DeriveSharedSecret),
  DescribeCustomKeyStores: () =>
    import('./operations/custom-key-stores.ts').then((group) => group.DescribeCustomKeyStores),
  DescribeKey: () => import('./operations/keys.ts').then((group) => group.DescribeKey),
  DisableKey: () => import('./operations/keys.ts').then((group) => group.DisableKey),
  DisableKeyRotation: () => import('./operations/rotation.ts').then((group) => group.DisableKeyRotation),
  DisconnectCustomKeyStore: () =>
    import('./operations/custom-key-stores.ts').then((group) => group.DisconnectCustomKeyStore),
  EnableKey: () => import('./operations/keys.ts').then((group) => group.EnableKey),
  EnableKeyRotation: () => import('./operations/rotation.ts').then((group) => group.EnableKeyRotation),
  Encapsulate: () => import('./operations/kem.ts').then((group) => group.Encapsulate),
  Encrypt: () => import('./operations/encryption.ts').then((group) => group.Encrypt),
  GenerateDataKey: () => import('./operations/data-keys.ts').then((group) => group.GenerateDataKey),
  GenerateDataKeyPair: () =>
    import('./operations/data-key-pairs.ts').then((group) => group.GenerateDataKeyPair),
  GenerateDataKeyPairWithoutPlaintext: () =>
    import('./operations/data-key-pairs.ts').then((group) => group.GenerateDataKeyPairWithoutPlaintext),
  GenerateDataKeyWithoutPlaintext: () =>
    import('./operations/data-keys.ts').then((group) => group.GenerateDataKeyWithoutPlaintext),
  GenerateMac: () => import('./operations/mac.ts').then((group) => group.GenerateMac),
  GenerateRandom: () => import('./operations/random.ts').then((group) => group.GenerateRandom),
  GetKeyLastUsage: () => import('./operations/key-usage.ts').then((group) => group.GetKeyLastUsage),
  GetKeyPolicy: () => import('./operations/policies.ts').then((group) => group.GetKeyPolicy),
  GetKeyRotationStatus: () => import('./operations/rotation.ts').then((group) => group.GetKeyRotationStatus),
  GetParametersForImport: () =>
    import('./operations/import.ts').then((group) => group.GetParametersForImport),
  GetPublicKey: () => import('./operations/public-key.ts').then((group) => group.GetPublicKey),
  ImportKeyMaterial: () => import('./operations/import.ts').then((group) => group.ImportKeyMaterial),
  ListAliases: () => import('./operations/aliases.ts').then((group) => group.ListAliases),
  ListGrants: () => import('./operations/grants.ts').then((group) => group.ListGrants),
  ListKeyPolicies: () => import('./operations/policies.ts').then((group) => group.ListKeyPolicies),
  ListKeyRotations: () => import('./operations/rotation.ts').then((group) => group.ListKeyRotations),
  ListKeys: () => import('./operations/keys.ts').then((group) => group.ListKeys),
  ListResourceTags: () => import('./operations/tagging.ts').then((group) => group.ListResourceTags),
  ListRetirableGrants: () => import('./operations/grants.ts').then((group) => group.ListRetirableGrants),
  PutKeyPolicy: () => import('./operations/policies.ts').then((group) => group.PutKeyPolicy),
  ReEncrypt: () => import('./operations/encryption.ts').then((group) => group.ReEncrypt),
  ReplicateKey: () => import('./operations/multi-region.ts').then((group) => group.ReplicateKey),
  RetireGrant: () => import('./operations/grants.ts').then((group) => group.RetireGrant),
  RevokeGrant: () => import('./operations/grants.ts').then((group) => group.RevokeGrant),
  RotateKeyOnDemand: () => import('./operations/rotation.ts').then((group) => group.RotateKeyOnDemand),
  ScheduleKeyDeletion: () => import('./operations/keys.ts').then((group) => group.ScheduleKeyDeletion),
  Sign: () => import('./operations/signing.ts').then((group) => group.Sign),
  TagResource: () => import('./operations/tagging.ts').then((group) => group.TagResource),
  UntagResource: () => import('./operations/tagging.ts').then((group) => group.UntagResource),
  UpdateAlias: () => import('./operations/aliases.ts').then((group) => group.UpdateAlias),
  UpdateCustomKeyStore: () =>
    import('./operations/custom-key-stores.ts').then((group) => group.UpdateCustomKeyStore),
  UpdateKeyDescription: () => import('./operations/keys.ts').then((group) => group.UpdateKeyDescription),
  UpdatePrimaryRegion: () =>
    import('./operations/multi-region.ts').then((group) => group.UpdatePrimaryRegion),
  Verify: () => import('./operations/signing.ts').then((group) => group.Verify),
  VerifyMac: () => import('./operations/mac.ts').then((group) => group.VerifyMac),
};
