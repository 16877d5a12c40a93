/**
 * KeyMetadata as DescribeKey, CreateKey and ReplicateKey return it, derived from the key record.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html
 */
import type { KeyMetadata } from '../api/generated/types.ts';
import { algorithmsFor, KEY_SPECS } from './key-spec-catalog.ts';
import { currentMaterial } from './symmetric-envelope.ts';
import type { KeyRecord } from './records.ts';

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export function keyMetadata(key: KeyRecord): KeyMetadata {
  const imported = key.materials.find((m) => m.state === 'CURRENT')?.imported;
  const symmetric = key.keySpec === 'SYMMETRIC_DEFAULT';
  // CurrentKeyMaterialId: symmetric encryption keys only; an EXTERNAL key keeps showing it after its material is
  // deleted, and a replica only once it is no longer Creating (recorded AWS behaviour).
  const currentId =
    symmetric && key.state !== 'Creating'
      ? (currentMaterial(key)?.id ?? key.materials.at(-1)?.id)
      : undefined;
  const metadata: KeyMetadata = {
    AWSAccountId: key.account,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: new Date(key.createdAt),
    Enabled: key.state === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.state,
    DeletionDate: date(key.deletionDate),
    ValidTo: key.state === 'PendingImport' ? undefined : date(imported?.validTo),
    Origin: key.origin,
    ExpirationModel: key.state === 'PendingImport' ? undefined : imported?.expirationModel,
    KeyManager: key.keyManager,
    CustomerMasterKeySpec: KEY_SPECS[key.keySpec].customerMasterKeySpec,
    KeySpec: key.keySpec,
    ...algorithmsFor(key.keySpec, key.keyUsage),
    MultiRegion: key.multiRegion !== undefined,
    MultiRegionConfiguration: key.multiRegion && {
      MultiRegionKeyType: key.multiRegion.type,
      PrimaryKey: { Arn: key.multiRegion.primaryArn, Region: key.multiRegion.primaryRegion },
      ReplicaKeys: key.multiRegion.replicas.map((r) => ({ Arn: r.arn, Region: r.region })),
    },
    // Only a primary waiting for its replicas shows its window; DeletionDate appears once the window started.
    PendingDeletionWindowInDays: key.state === 'PendingReplicaDeletion' ? key.pendingWindowInDays : undefined,
    CurrentKeyMaterialId: currentId,
    CustomKeyStoreId: key.customKeyStoreId,
    CloudHsmClusterId: key.cloudHsmClusterId,
    XksKeyConfiguration: key.xksKeyId === undefined ? undefined : { Id: key.xksKeyId },
  };
  return metadata;
}
