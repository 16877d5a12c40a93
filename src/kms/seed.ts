/**
 * Seeding: a friendly description of starting keys (`{ keys: [{ id, spec, aliases, material, ... }] }`) turned
 * into the same records CreateKey and CreateAlias write (new-key-record.ts), and written to a store without
 * touching records that already exist.
 *
 * - `checkSeed` checks the whole description synchronously (unknown fields, key ids, specs and usages, material
 *   lengths, alias names, duplicates) and throws KmsSeedError naming the key and field.
 * - `buildSeedRecords` makes the records. Key ids are fixed (given, or derived from the key's place in the seed, so
 *   re-applying a seed recognises its keys). A key with fixed `material` is fully deterministic: its key-material
 *   id is derived from the key id, so a ciphertext made by one emulator decrypts in any other seeded alike.
 * - `applySeed` writes only the records that do not exist yet (by table, scope and id): seeding a persistent
 *   store twice, or one that already holds those keys, leaves the existing records as they are.
 */
import { Base64Error, decodeBase64 } from '../api/base64.ts';
import type { KeySpec, KeyUsageType, Tag } from '../api/generated/types.ts';
import { KmsError } from '../api/kms-error.ts';
import { sha } from '../crypto/digest.ts';
import { publicKeyFromPrivate, type KeyMaterial } from '../crypto/engine.ts';
import { checkAliasName } from './alias-names.ts';
import { aliasArn, isKeyId } from './arn.ts';
import type { IdSource } from './ids.ts';
import { checkPolicyDocument } from './access/key-policy.ts';
import { KEY_SPECS } from './key-spec-catalog.ts';
import { chooseKeyUsage, newKeyRecord } from './new-key-record.ts';
import type { AliasRecord, KeyRecord, Scope } from './records.ts';
import { StoreConflictError, type KmsStore, type StoreSnapshot, type StoreWrite } from './store.ts';
import { checkRequestTags, mergeTags } from './tags.ts';

/** One key to seed. Everything but the spec's rules is optional. */
export interface KmsSeedKey {
  /**
   * Fixed key id: a lower-case UUID, or `mrk-` + 32 hex digits for a multi-Region primary key. Default: a UUID
   * derived from the key's place in the seed (see derivedKeyId), the same every time the seed is applied.
   */
  id?: string;
  /** Default SYMMETRIC_DEFAULT. */
  spec?: KeySpec;
  /** Required for every spec but SYMMETRIC_DEFAULT (as in CreateKey). */
  usage?: KeyUsageType;
  description?: string;
  /** Alias names (`alias/...`) pointing at this key. */
  aliases?: string[];
  /**
   * Fixed key material, base64: 32 bytes for SYMMETRIC_DEFAULT, the raw secret for HMAC keys (HMAC_224 28–64
   * bytes, HMAC_256 32–64, HMAC_384 48–128, HMAC_512 64–128), a PKCS#8 DER private key for asymmetric specs.
   * Default: fresh random material.
   */
  material?: string;
  /** Default: the emulator's default account and region. */
  account?: string;
  region?: string;
  /** `{ name: value }` or CreateKey's `[{ TagKey, TagValue }]`. */
  tags?: Record<string, string> | Tag[];
  /** Key policy JSON. Default: the default key policy. */
  policy?: string;
  /** `false` seeds the key Disabled. Default true. */
  enabled?: boolean;
}

export interface KmsSeed {
  keys?: KmsSeedKey[];
}

export class KmsSeedError extends Error {
  override readonly name = 'KmsSeedError';
}

/** A seed key after checking: everything decoded and defaulted. */
export interface CheckedSeedKey {
  id?: string;
  scope: Scope;
  spec: KeySpec;
  usage: KeyUsageType;
  description: string;
  aliases: string[];
  material?: Uint8Array;
  tags: Tag[];
  policy?: string;
  enabled: boolean;
}

const FIELDS = new Set([
  'id',
  'spec',
  'usage',
  'description',
  'aliases',
  'material',
  'account',
  'region',
  'tags',
  'policy',
  'enabled',
]);

/** Accepted raw HMAC secret lengths (bytes), as ImportKeyMaterial accepts them. */
const HMAC_SECRET_BYTES: Readonly<Record<string, readonly [number, number]>> = {
  HMAC_224: [28, 64],
  HMAC_256: [32, 64],
  HMAC_384: [48, 128],
  HMAC_512: [64, 128],
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a seed description; throws KmsSeedError for the first problem found. */
export function checkSeed(value: unknown, defaults: Scope): CheckedSeedKey[] {
  if (!isObject(value)) throw new KmsSeedError('a kmsw seed must be an object: { "keys": [...] }');
  for (const field of Object.keys(value)) {
    if (field !== 'keys') throw new KmsSeedError(`a kmsw seed has no field "${field}" (only "keys")`);
  }
  if (value.keys !== undefined && !Array.isArray(value.keys)) {
    throw new KmsSeedError('seed "keys" must be an array');
  }
  const keys = ((value.keys ?? []) as unknown[]).map((k, i) => checkSeedKey(k, i, defaults));
  const ids = new Set<string>();
  const aliases = new Set<string>();
  keys.forEach((key, i) => {
    const where = `seed keys[${i}]`;
    if (key.id !== undefined) {
      const scoped = JSON.stringify([key.scope.account, key.scope.region, key.id]);
      if (ids.has(scoped)) throw new KmsSeedError(`${where}: key id ${key.id} is seeded twice`);
      ids.add(scoped);
    }
    for (const alias of key.aliases) {
      const scoped = JSON.stringify([key.scope.account, key.scope.region, alias]);
      if (aliases.has(scoped)) throw new KmsSeedError(`${where}: alias ${alias} is seeded twice`);
      aliases.add(scoped);
    }
  });
  return keys;
}

function checkSeedKey(value: unknown, index: number, defaults: Scope): CheckedSeedKey {
  const where = `seed keys[${index}]`;
  const fail = (message: string): never => {
    throw new KmsSeedError(`${where}: ${message}`);
  };
  if (!isObject(value)) return fail('must be an object');
  for (const field of Object.keys(value)) {
    if (!FIELDS.has(field)) fail(`unknown field "${field}" (known: ${[...FIELDS].join(', ')})`);
  }
  const str = (field: string): string | undefined => {
    const v = value[field];
    if (v !== undefined && typeof v !== 'string') fail(`${field} must be a string`);
    return v as string | undefined;
  };
  const id = str('id');
  if (id !== undefined && (!isKeyId(id) || id !== id.toLowerCase())) {
    fail(`id ${JSON.stringify(id)} must be a lower-case UUID or mrk- followed by 32 hex digits`);
  }
  const account = str('account') ?? defaults.account;
  if (value.account !== undefined && !/^\d{12}$/.test(account)) fail('account must be 12 digits');
  const region = str('region') ?? defaults.region;
  if (!/^[a-z0-9-]+$/.test(region)) fail(`region ${JSON.stringify(region)} is not a region name`);
  const scope = { account, region };

  const spec = (str('spec') ?? 'SYMMETRIC_DEFAULT') as KeySpec;
  if (!Object.hasOwn(KEY_SPECS, spec)) fail(`spec ${spec} is not a KMS KeySpec`);
  const usage = domainCheck(where, () => chooseKeyUsage(spec, str('usage') as KeyUsageType, region));

  const description = str('description') ?? '';
  if (description.length > 8192) fail('description is longer than 8192 characters');

  const aliases = value.aliases ?? [];
  if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string')) {
    fail('aliases must be an array of alias names');
  }
  for (const alias of aliases as string[])
    domainCheck(`${where} alias ${alias}`, () => checkAliasName(alias));

  let material: Uint8Array | undefined;
  const encoded = str('material');
  if (encoded !== undefined) {
    try {
      material = decodeBase64(encoded);
    } catch (error) {
      if (error instanceof Base64Error) fail(`material is not base64: ${error.message}`);
      throw error;
    }
    checkMaterialLength(spec, material, fail);
  }

  const tags = checkTags(value.tags, where, fail);
  const policy = str('policy');
  if (policy !== undefined) domainCheck(`${where} policy`, () => checkPolicyDocument(policy));
  if (value.enabled !== undefined && typeof value.enabled !== 'boolean')
    fail('enabled must be true or false');

  return {
    id,
    scope,
    spec,
    usage,
    description,
    aliases: aliases as string[],
    material,
    tags,
    policy,
    enabled: value.enabled !== false,
  };
}

function checkMaterialLength(spec: KeySpec, material: Uint8Array, fail: (m: string) => never): void {
  if (spec === 'SYMMETRIC_DEFAULT' && material.length !== 32) {
    fail(`material of a SYMMETRIC_DEFAULT key must be 32 bytes, got ${material.length}`);
  }
  const hmac = HMAC_SECRET_BYTES[spec];
  if (hmac && (material.length < hmac[0] || material.length > hmac[1])) {
    fail(`material of an ${spec} key must be ${hmac[0]} to ${hmac[1]} bytes, got ${material.length}`);
  }
}

function checkTags(value: unknown, where: string, fail: (m: string) => never): Tag[] {
  if (value === undefined) return [];
  let tags: Tag[];
  if (Array.isArray(value)) {
    tags = value.map((t, i) => {
      if (!isObject(t) || typeof t.TagKey !== 'string' || typeof t.TagValue !== 'string') {
        return fail(`tags[${i}] must be { "TagKey": string, "TagValue": string }`);
      }
      return { TagKey: t.TagKey, TagValue: t.TagValue };
    });
  } else if (isObject(value)) {
    tags = Object.entries(value).map(([TagKey, TagValue]) =>
      typeof TagValue === 'string' ? { TagKey, TagValue } : fail(`tag ${TagKey} must have a string value`),
    );
  } else {
    return fail('tags must be an object of names to values or a list of { TagKey, TagValue }');
  }
  return domainCheck(`${where} tags`, () => {
    checkRequestTags(tags);
    return mergeTags([], tags);
  });
}

/** Runs a domain check, turning its KMS error into a KmsSeedError that says where. */
function domainCheck<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof KmsError) {
      throw new KmsSeedError(`${where}: ${error.message || error.type}`, { cause: error });
    }
    throw error;
  }
}

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
