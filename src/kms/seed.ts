/**
 * Seeding: a friendly description of starting keys (`{ keys: [{ id, spec, aliases, material, ... }] }`), checked
 * here; seed-records.ts turns it into the records CreateKey and CreateAlias write and stores them.
 *
 * `checkSeed` checks the whole description synchronously (unknown fields, key ids, specs and usages, material
 * lengths, alias names, duplicates) and throws KmsSeedError naming the key and field, so a bad seed fails where the
 * emulator is created.
 */
import { Base64Error, decodeBase64 } from '../api/base64.ts';
import type { KeySpec, KeyUsageType, Tag } from '../api/generated/types.ts';
import { KmsError } from '../api/kms-error.ts';
import { checkAliasName } from './alias-names.ts';
import { isKeyId } from './arn.ts';
import { checkPolicyDocument } from './access/key-policy.ts';
import { chooseKeyUsage, KEY_SPECS } from './key-spec-catalog.ts';
import type { Scope } from './records.ts';
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
