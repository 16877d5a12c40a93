/**
 * The records of a checked seed (seed.ts), loaded when an emulator is seeded:
 * - `buildSeedRecords` makes them as CreateKey and CreateAlias do (new-key-record.ts). Key ids are fixed (given, or
 *   derived from the key's place in the seed, so re-applying a seed recognises its keys). A key with fixed
 *   `material` is fully deterministic: its key-material id is derived from the key id, so a ciphertext made by one
 *   emulator decrypts in any other seeded alike.
 * - `applySeed` writes only the records that do not exist yet (by table, scope and id): seeding a persistent
 *   store twice, or one that already holds those keys, leaves the existing records as they are.
 */
import { sha } from '../crypto/digest.ts';
import { publicKeyFromPrivate, type KeyMaterial } from '../crypto/engine.ts';
import { aliasArn } from './arn.ts';
import type { IdSource } from './ids.ts';
import { newKeyRecord } from './new-key-record.ts';
import type { AliasRecord, KeyRecord } from './records.ts';
import { KmsSeedError, type CheckedSeedKey } from './seed.ts';
import { StoreConflictError, type KmsStore, type StoreSnapshot, type StoreWrite } from './store.ts';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The key id of a seed key given without one: a UUID derived from its place in the seed, scope, spec, usage and
 * aliases, so applying the same seed again (every page load over IndexedDB, every start over a state file) finds
 * the key it made before instead of adding another.
 */
async function derivedKeyId(seed: CheckedSeedKey, index: number): Promise<string> {
  const what = JSON.stringify([
    index,
    seed.scope.account,
    seed.scope.region,
    seed.spec,
    seed.usage,
    seed.aliases,
  ]);
  const h = hex(await sha('SHA-256', new TextEncoder().encode(`kmsw seed key ${what}`)));
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The key-material id of fixed seeded material: derived from the key id, so it is the same in every run. */
async function seededMaterialId(keyId: string): Promise<string> {
  return hex(await sha('SHA-256', new TextEncoder().encode(`kmsw seed material ${keyId}`)));
}

async function fixedMaterial(key: CheckedSeedKey, where: string): Promise<KeyMaterial> {
  const bytes = key.material!;
  if (key.spec === 'SYMMETRIC_DEFAULT' || key.spec.startsWith('HMAC_')) return { secret: bytes };
  try {
    return { privateKey: bytes, publicKey: await publicKeyFromPrivate(key.spec, bytes) };
  } catch (error) {
    throw new KmsSeedError(`${where}: material is not a PKCS#8 ${key.spec} private key`, { cause: error });
  }
}

/** The records of a checked seed: keys as CreateKey makes them, aliases as CreateAlias does. */
export async function buildSeedRecords(
  keys: readonly CheckedSeedKey[],
  env: { now: number; ids: IdSource },
): Promise<StoreSnapshot> {
  const out: StoreSnapshot = { keys: [], aliases: [], grants: [], customKeyStores: [] };
  for (const [i, seed] of keys.entries()) {
    const keyId = seed.id ?? (await derivedKeyId(seed, i));
    let material: { id: string; material: KeyMaterial } | undefined;
    if (seed.material) {
      material = {
        id: await seededMaterialId(keyId!),
        material: await fixedMaterial(seed, `seed keys[${i}]`),
      };
    }
    const created = await newKeyRecord({
      scope: seed.scope,
      now: env.now,
      ids: env.ids,
      keySpec: seed.spec,
      keyUsage: seed.usage,
      origin: 'AWS_KMS',
      description: seed.description,
      policy: seed.policy,
      tags: seed.tags,
      multiRegion: keyId?.startsWith('mrk-'),
      keyId,
      material,
    });
    const key: KeyRecord = seed.enabled ? created : { ...created, state: 'Disabled' };
    out.keys.push(key);
    for (const aliasName of seed.aliases) {
      const alias: AliasRecord = {
        account: seed.scope.account,
        region: seed.scope.region,
        aliasName,
        aliasArn: aliasArn(seed.scope, aliasName),
        targetKeyId: key.keyId,
        createdAt: env.now,
        lastUpdatedAt: env.now,
        rev: 0,
      };
      out.aliases.push(alias);
    }
  }
  return out;
}

/** Writes the records that do not exist yet; returns how many were written. */
export async function applySeed(store: KmsStore, records: StoreSnapshot): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const writes: StoreWrite[] = [];
    const add = async <T extends keyof StoreSnapshot>(
      table: T,
      id: (row: StoreSnapshot[T][number]) => string,
    ) => {
      for (const row of records[table]) {
        const scope = { account: row.account, region: row.region };
        if ((await store.get(table, scope, id(row))) === undefined) {
          writes.push({ op: 'put', table, scope, id: id(row), value: row, expectedRev: null } as StoreWrite);
        }
      }
    };
    await add('keys', (k) => k.keyId);
    await add('aliases', (a) => a.aliasName);
    await add('grants', (g) => g.grantId);
    try {
      await store.commit(writes);
      return writes.length;
    } catch (error) {
      // Another tab seeded (or created) one of these records meanwhile: read again and write what is still missing.
      if (!(error instanceof StoreConflictError) || attempt >= 5) throw error;
    }
  }
}
