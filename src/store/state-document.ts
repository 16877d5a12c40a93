/**
 * The portable state document: a whole store as versioned JSON (bytes as `{"$bytes": "<base64>"}`), used by
 * `kmsw serve --state FILE`, export/import and seeding. A document from a newer kmsw is refused, never guessed at.
 *
 * `parseState` (JSON text) and `checkStateDocument` (a value, e.g. a document from `exportState()` or JSON parsed
 * without the bytes reviver) check everything before returning: the format, the version, and every record's
 * fields and types, so a document that would make an operation fail later is refused up front with the record
 * and field named. Both return a fresh copy; the input is never changed.
 */
import { Base64Error, decodeBase64, encodeBase64 } from '../api/base64.ts';
import { SHAPES } from '../api/generated/shapes.ts';
import { isKeyId } from '../kms/arn.ts';
import { KEY_SPECS } from '../kms/key-spec-catalog.ts';
import type { StoreSnapshot, TableName } from '../kms/store.ts';
import { ID_FIELD, TABLES, recordKey } from './tables.ts';

export const STATE_FORMAT = 'kmsw-state';
export const STATE_VERSION = 1;

export interface StateDocument {
  format: typeof STATE_FORMAT;
  version: number;
  /** Milliseconds the emulator clock is ahead of real time. */
  clockOffsetMs: number;
  data: StoreSnapshot;
}

export class StateDocumentError extends Error {
  override readonly name = 'StateDocumentError';
}

/** The JSON.stringify replacer of state documents: bytes become `{"$bytes": "<base64>"}`. */
export const bytesReplacer = (_key: string, value: unknown): unknown =>
  value instanceof Uint8Array ? { $bytes: encodeBase64(value) } : value;

export function stringifyState(doc: StateDocument): string {
  return JSON.stringify(doc, bytesReplacer);
}

/** Parses and checks a state document from JSON text. Throws StateDocumentError. */
export function parseState(text: string): StateDocument {
  if (typeof text !== 'string') throw new StateDocumentError('a kmsw state document must be JSON text');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new StateDocumentError(`not a kmsw state document: invalid JSON (${(error as Error).message})`);
  }
  return checkStateDocument(doc);
}

/**
 * Checks a state document given as a value and returns a copy with every `{"$bytes": ...}` turned into a
 * Uint8Array. Throws StateDocumentError.
 */
export function checkStateDocument(value: unknown): StateDocument {
  if (!isObject(value) || value.format !== STATE_FORMAT) {
    throw new StateDocumentError(`not a kmsw state document (format must be "${STATE_FORMAT}")`);
  }
  const { version, clockOffsetMs } = value;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new StateDocumentError(
      `state document version ${String(version)} is not a version kmsw ever wrote`,
    );
  }
  if (version > STATE_VERSION) {
    throw new StateDocumentError(
      `state document version ${version} is newer than this kmsw reads (up to ${STATE_VERSION}): upgrade kmsw`,
    );
  }
  if (clockOffsetMs !== undefined && (typeof clockOffsetMs !== 'number' || !Number.isFinite(clockOffsetMs))) {
    throw new StateDocumentError('state document clockOffsetMs must be a finite number of milliseconds');
  }
  const data = revive(value.data, 'data', 0);
  if (!isObject(data) || !REQUIRED_TABLES.every((t) => Array.isArray(data[t]))) {
    throw new StateDocumentError('state document has no data.keys, data.aliases and data.grants arrays');
  }
  // Documents written before custom key stores existed have no such table: none.
  data.customKeyStores ??= [];
  if (!Array.isArray(data.customKeyStores)) {
    throw new StateDocumentError('state document data.customKeyStores must be an array');
  }
  const seen = new Set<string>();
  for (const table of TABLES) {
    (data[table] as unknown[]).forEach((row, i) => checkRecord(table, row, `data.${table}[${i}]`, seen));
  }
  return {
    format: STATE_FORMAT,
    version,
    clockOffsetMs: clockOffsetMs ?? 0,
    data: {
      keys: data.keys,
      aliases: data.aliases,
      grants: data.grants,
      customKeyStores: data.customKeyStores,
    } as StoreSnapshot,
  };
}

type Obj = Record<string, unknown>;

const REQUIRED_TABLES: readonly TableName[] = ['keys', 'aliases', 'grants'];

const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** Records are a few levels deep; anything deeper is not a state document (and must not overflow the stack). */
const MAX_DEPTH = 32;

/** A deep copy with `{$bytes}` objects decoded; own `__proto__` keys stay plain data. */
function revive(value: unknown, path: string, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new StateDocumentError(`${path} is nested too deeply for a state document`);
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map((item, i) => revive(item, `${path}[${i}]`, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  if ('$bytes' in value && typeof value.$bytes === 'string') {
    try {
      return decodeBase64(value.$bytes);
    } catch (error) {
      if (error instanceof Base64Error)
        throw new StateDocumentError(`${path}: bad base64 (${error.message})`);
      throw error;
    }
  }
  const out: Obj = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(out, key, {
      value: revive(item, `${path}.${key}`, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

const enumValues = (shape: string): readonly string[] => {
  const def = SHAPES[shape];
  return def?.type === 'enum' ? def.values : [];
};

const MATERIAL_STATES = ['CURRENT', 'NON_CURRENT', 'PENDING_ROTATION'];

/** Field checks of one record; `fail(field, what)` throws with the record named. */
class RecordCheck {
  readonly row: Obj;
  readonly where: string;
  constructor(row: Obj, where: string) {
    this.row = row;
    this.where = where;
  }
  fail(field: string, what: string): never {
    throw new StateDocumentError(`state document ${this.where}: ${field} ${what}`);
  }
  string(field: string, optional = false, of: Obj = this.row, name = field): string | undefined {
    const v = of[field];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string') this.fail(name, 'must be a string');
    return v;
  }
  number(field: string, optional = false, of: Obj = this.row, name = field): void {
    const v = of[field];
    if (v === undefined && optional) return;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(name, 'must be a finite number');
  }
  oneOf(field: string, values: readonly string[], optional = false, of: Obj = this.row, name = field): void {
    const v = of[field];
    if (v === undefined && optional) return;
    if (typeof v !== 'string' || !values.includes(v)) this.fail(name, `must be one of ${values.join(', ')}`);
  }
  bytes(field: string, of: Obj, name: string): void {
    const v = of[field];
    if (v !== undefined && !(v instanceof Uint8Array))
      this.fail(name, 'must be bytes ({"$bytes": "<base64>"})');
  }
  array(field: string, optional = false): unknown[] {
    const v = this.row[field];
    if (v === undefined && optional) return [];
    if (!Array.isArray(v)) this.fail(field, 'must be an array');
    return v;
  }
  object(field: string, optional = false): Obj | undefined {
    const v = this.row[field];
    if (v === undefined && optional) return undefined;
    if (!isObject(v)) this.fail(field, 'must be an object');
    return v;
  }
}

function checkRecord(table: TableName, row: unknown, where: string, seen: Set<string>): void {
  if (!isObject(row)) throw new StateDocumentError(`state document ${where} is not an object`);
  const c = new RecordCheck(row, where);
  const idField = ID_FIELD[table];
  const account = c.string('account')!;
  const region = c.string('region')!;
  const id = c.string(idField)!;
  if (account === '' || region === '') c.fail('account and region', 'must not be empty');
  const named = new RecordCheck(row, `${where} (${idField} ${JSON.stringify(id)})`);
  if (typeof row.rev !== 'number' || !Number.isInteger(row.rev) || row.rev < 0) {
    named.fail('rev', 'must be a non-negative integer');
  }
  const key = recordKey(table, { account, region }, id);
  if (seen.has(key)) named.fail(idField, `appears twice in ${account}/${region}`);
  seen.add(key);
  if (table === 'keys') checkKey(named);
  else if (table === 'aliases') checkAlias(named);
  else if (table === 'grants') checkGrant(named);
  else checkCustomKeyStore(named);
}

function checkKey(c: RecordCheck): void {
  const keyId = c.string('keyId')!;
  if (!isKeyId(keyId)) c.fail('keyId', 'must be a UUID or mrk- and 32 hex digits');
  c.string('arn');
  c.number('createdAt');
  c.string('description');
  c.oneOf('keySpec', Object.keys(KEY_SPECS));
  const spec = KEY_SPECS[c.row.keySpec as keyof typeof KEY_SPECS];
  c.oneOf('keyUsage', spec.usages);
  c.oneOf('origin', enumValues('OriginType'));
  c.oneOf('keyManager', enumValues('KeyManagerType'));
  c.oneOf('state', enumValues('KeyState'));
  c.string('policy');
  c.number('deletionDate', true);
  c.number('pendingWindowInDays', true);
  c.string('customerMasterKeySpec', true);
  c.array('tags').forEach((tag, i) => {
    if (!isObject(tag)) c.fail(`tags[${i}]`, 'must be an object');
    c.string('TagKey', false, tag, `tags[${i}].TagKey`);
    c.string('TagValue', false, tag, `tags[${i}].TagValue`);
  });
  c.array('materials').forEach((material, i) => {
    const name = `materials[${i}]`;
    if (!isObject(material)) c.fail(name, 'must be an object');
    const id = c.string('id', false, material, `${name}.id`)!;
    if (!/^[0-9a-f]{64}$/.test(id)) c.fail(`${name}.id`, 'must be 64 lower-case hex digits');
    c.number('createdAt', false, material, `${name}.createdAt`);
    c.oneOf('state', MATERIAL_STATES, false, material, `${name}.state`);
    for (const field of ['secret', 'privateKey', 'publicKey']) c.bytes(field, material, `${name}.${field}`);
    const imported = material.imported;
    if (imported !== undefined) {
      if (!isObject(imported)) c.fail(`${name}.imported`, 'must be an object');
      c.number('importedAt', false, imported, `${name}.imported.importedAt`);
      c.oneOf(
        'expirationModel',
        enumValues('ExpirationModelType'),
        false,
        imported,
        `${name}.imported.expirationModel`,
      );
      c.number('validTo', true, imported, `${name}.imported.validTo`);
    }
    c.string('description', true, material, `${name}.description`);
    c.oneOf('rotationType', enumValues('RotationType'), true, material, `${name}.rotationType`);
    c.number('rotatedAt', true, material, `${name}.rotatedAt`);
  });
  const rotation = c.object('rotation')!;
  if (typeof rotation.enabled !== 'boolean') c.fail('rotation.enabled', 'must be true or false');
  c.number('onDemandCount', false, rotation, 'rotation.onDemandCount');
  c.number('periodInDays', true, rotation, 'rotation.periodInDays');
  c.number('nextRotationAt', true, rotation, 'rotation.nextRotationAt');
  c.array('importParameters', true).forEach((parameters, i) => {
    const name = `importParameters[${i}]`;
    if (!isObject(parameters)) c.fail(name, 'must be an object');
    if (!/^[0-9a-f]{32}$/.test(c.string('tokenId', false, parameters, `${name}.tokenId`)!))
      c.fail(`${name}.tokenId`, 'must be 32 lower-case hex digits');
    c.oneOf('wrappingAlgorithm', enumValues('AlgorithmSpec'), false, parameters, `${name}.wrappingAlgorithm`);
    c.oneOf('wrappingKeySpec', enumValues('WrappingKeySpec'), false, parameters, `${name}.wrappingKeySpec`);
    if (!(parameters.privateKey instanceof Uint8Array))
      c.fail(`${name}.privateKey`, 'must be bytes ({"$bytes": "<base64>"})');
    c.number('validTo', false, parameters, `${name}.validTo`);
  });
  const multiRegion = c.object('multiRegion', true);
  if (multiRegion) {
    c.oneOf('type', enumValues('MultiRegionKeyType'), false, multiRegion, 'multiRegion.type');
    c.string('primaryArn', false, multiRegion, 'multiRegion.primaryArn');
    c.string('primaryRegion', false, multiRegion, 'multiRegion.primaryRegion');
    if (!Array.isArray(multiRegion.replicas)) c.fail('multiRegion.replicas', 'must be an array');
  }
  c.object('lastUsage', true);
  c.string('customKeyStoreId', true);
  c.string('cloudHsmClusterId', true);
  c.string('xksKeyId', true);
}

function checkAlias(c: RecordCheck): void {
  if (!c.string('aliasName')!.startsWith('alias/')) c.fail('aliasName', 'must start with alias/');
  c.string('aliasArn');
  c.string('targetKeyId');
  c.number('createdAt');
  c.number('lastUpdatedAt');
}

function checkGrant(c: RecordCheck): void {
  c.string('keyId');
  c.number('createdAt');
  c.string('granteePrincipal');
  c.string('issuingAccount');
  c.string('name', true);
  c.string('retiringPrincipal', true);
  const operations = enumValues('GrantOperation');
  c.array('operations').forEach((op, i) => {
    if (typeof op !== 'string' || !operations.includes(op))
      c.fail(`operations[${i}]`, 'is not a grant operation');
  });
  c.array('tokens').forEach((token, i) => {
    if (typeof token !== 'string') c.fail(`tokens[${i}]`, 'must be a string');
  });
  c.object('constraints', true);
}

function checkCustomKeyStore(c: RecordCheck): void {
  if (!/^cks-[0-9a-f]{17}$/.test(c.string('customKeyStoreId')!))
    c.fail('customKeyStoreId', 'must be cks- and 17 lower-case hex digits');
  c.string('name');
  c.oneOf('type', enumValues('CustomKeyStoreType'));
  c.number('createdAt');
  c.oneOf('connectionState', enumValues('ConnectionStateType'));
  c.oneOf('connectionErrorCode', enumValues('ConnectionErrorCodeType'), true);
  c.number('connectingUntil', true);
  const cloudHsm = c.object('cloudHsm', true);
  if (cloudHsm) {
    for (const field of ['clusterId', 'trustAnchorCertificate', 'keyStorePassword'])
      c.string(field, false, cloudHsm, `cloudHsm.${field}`);
  }
  const xks = c.object('xks', true);
  if (xks) {
    c.oneOf('connectivity', enumValues('XksProxyConnectivityType'), false, xks, 'xks.connectivity');
    for (const field of ['uriEndpoint', 'uriPath', 'accessKeyId', 'secretAccessKey'])
      c.string(field, false, xks, `xks.${field}`);
    c.string('vpcEndpointServiceName', true, xks, 'xks.vpcEndpointServiceName');
    c.string('vpcEndpointServiceOwner', true, xks, 'xks.vpcEndpointServiceOwner');
  }
  if (
    (c.row.type === 'AWS_CLOUDHSM') !== (cloudHsm !== undefined) ||
    (c.row.type === 'EXTERNAL_KEY_STORE') !== (xks !== undefined)
  )
    c.fail('type', 'must match the cloudHsm or xks settings the record has');
}
