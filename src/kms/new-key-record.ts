/**
 * The record of a new customer managed key, built one way for CreateKey and for seeding (seed.ts), so a seeded
 * key is indistinguishable from a created one. Also the KeySpec/KeyUsage rules CreateKey applies, with AWS's texts.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
 */
import type { KeySpec, KeyUsageType, OriginType, Tag } from '../api/generated/types.ts';
import { generateKeyMaterial, type KeyMaterial } from '../crypto/engine.ts';
import { keyArn } from './arn.ts';
import type { IdSource } from './ids.ts';
import { defaultKeyPolicy } from './access/key-policy.ts';
import type { KeyMaterialRecord, KeyRecord, Scope } from './records.ts';

export interface NewKeyOptions {
  scope: Scope;
  now: number;
  ids: IdSource;
  keySpec: KeySpec;
  keyUsage: KeyUsageType;
  origin: OriginType;
  description?: string;
  /** Default: the default key policy of the scope's account. */
  policy?: string;
  /** Already checked (checkRequestTags / mergeTags). */
  tags?: Tag[];
  multiRegion?: boolean;
  /** A fixed key id (seeding). Default: a fresh UUID, or `mrk-` + 32 hex digits for a multi-Region key. */
  keyId?: string;
  /** Fixed key material and its id (seeding). Default: generated, except for origin EXTERNAL (none). */
  material?: { id: string; material: KeyMaterial };
}

/** A new, Enabled (PendingImport for origin EXTERNAL) customer managed key, not yet written anywhere. */
export async function newKeyRecord(options: NewKeyOptions): Promise<KeyRecord> {
  const { scope, now, ids, keySpec, origin } = options;
  const keyId = options.keyId ?? (options.multiRegion ? `mrk-${ids.hex(16)}` : ids.uuid());
  const arn = keyArn(scope, keyId);
  const materials: KeyMaterialRecord[] = [];
  if (options.material) {
    materials.push({
      id: options.material.id,
      createdAt: now,
      state: 'CURRENT',
      ...options.material.material,
    });
  } else if (origin !== 'EXTERNAL') {
    // AWS_KMS; and for keys in custom key stores kmsw keeps the material the HSM (or, for XKS, KMS) would hold.
    const generated = await generateKeyMaterial(keySpec);
    materials.push({ id: ids.hex(32), createdAt: now, state: 'CURRENT', ...generated });
  }
  return {
    account: scope.account,
    region: scope.region,
    keyId,
    arn,
    createdAt: now,
    description: options.description ?? '',
    keySpec,
    keyUsage: options.keyUsage,
    origin,
    keyManager: 'CUSTOMER',
    state: origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
    multiRegion: options.multiRegion
      ? { type: 'PRIMARY', primaryArn: arn, primaryRegion: scope.region, replicas: [] }
      : undefined,
    policy: options.policy ?? defaultKeyPolicy(scope),
    tags: options.tags ?? [],
    materials,
    rotation: { enabled: false, onDemandCount: 0 },
    rev: 0,
  };
}
