/**
 * The request context a policy's Condition is tested against: the global principal keys and the AWS KMS condition
 * keys, each taken from the request's parameters (or, for the key's own properties, from the key) as the KMS
 * condition-key table says. Network keys (aws:SourceIp, aws:SourceVpc…) and kms:ViaService are never present:
 * requests come straight from the caller, not through a service or a network kmsw models.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-aws.html
 */
import type { KeyRecord } from '../records.ts';
import type { Caller } from './caller.ts';
import type { ConditionContext, ContextValue } from './condition-operators.ts';

export interface AccessRequest {
  caller: Caller;
  /** The operation, with ReEncrypt split into ReEncryptFrom / ReEncryptTo as KMS authorises it. */
  action: string;
  input: Readonly<Record<string, unknown>>;
  /** The key the request uses (absent for CreateKey and operations on no key). */
  key?: Pick<KeyRecord, 'keySpec' | 'keyUsage' | 'origin' | 'multiRegion'>;
  /** The key a CreateKey request would create. */
  newKey?: { keySpec: string; keyUsage: string; origin: string; multiRegion: boolean };
  /** The alias name the request named the key by (kms:RequestAlias). */
  requestAlias?: string;
  /** The aliases of the key (kms:ResourceAliases), when a policy asks for them. */
  resourceAliases?: readonly string[];
}

const one = (value: unknown): ContextValue | undefined =>
  value === undefined || value === null ? undefined : { values: [String(value)] };

const many = (values: readonly unknown[] | undefined): ContextValue | undefined =>
  values === undefined ? undefined : { values: values.map(String), multi: true };

type Context = Readonly<Record<string, string>>;

/** The encryption context the operation takes (for CreateGrant: the one its constraints name). */
function encryptionContextOf(action: string, input: AccessRequest['input']): Context | undefined {
  switch (action) {
    case 'ReEncryptFrom':
      return input.SourceEncryptionContext as Context | undefined;
    case 'ReEncryptTo':
      return input.DestinationEncryptionContext as Context | undefined;
    case 'CreateGrant': {
      const constraints = input.Constraints as
        { EncryptionContextEquals?: Context; EncryptionContextSubset?: Context } | undefined;
      return constraints?.EncryptionContextEquals ?? constraints?.EncryptionContextSubset;
    }
    default:
      return input.EncryptionContext as Context | undefined;
  }
}

const ENCRYPTION_ALGORITHM_PARAMETER: Record<string, string> = {
  Encrypt: 'EncryptionAlgorithm',
  Decrypt: 'EncryptionAlgorithm',
  ReEncryptFrom: 'SourceEncryptionAlgorithm',
  ReEncryptTo: 'DestinationEncryptionAlgorithm',
};
const SYMMETRIC_DATA_KEY_OPERATIONS = new Set([
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
]);

function encryptionAlgorithm(request: AccessRequest): ContextValue | undefined {
  const parameter = ENCRYPTION_ALGORITHM_PARAMETER[request.action];
  if (parameter) return one(request.input[parameter] ?? 'SYMMETRIC_DEFAULT');
  return SYMMETRIC_DATA_KEY_OPERATIONS.has(request.action) ? one('SYMMETRIC_DEFAULT') : undefined;
}

const ENCRYPTION_CONTEXT_PREFIX = 'kms:encryptioncontext:';

function lookup(request: AccessRequest, name: string): ContextValue | undefined {
  const { caller, action, input, key, newKey } = request;
  const only = (...actions: string[]) => actions.includes(action);
  if (name.startsWith(ENCRYPTION_CONTEXT_PREFIX)) {
    const wanted = name.slice(ENCRYPTION_CONTEXT_PREFIX.length);
    const context = encryptionContextOf(action, input) ?? {};
    // Condition key names are case-insensitive; the value compared is the request's.
    const entry = Object.entries(context).find(([k]) => k.toLowerCase() === wanted);
    return entry && one(entry[1]);
  }
  switch (name) {
    case 'aws:principalarn':
      return one(caller.principalArn);
    case 'aws:principalaccount':
    case 'kms:calleraccount':
      return one(caller.account);
    case 'aws:principaltype':
      return one(caller.type);
    case 'kms:encryptioncontextkeys': {
      const context = encryptionContextOf(action, input);
      return context && many(Object.keys(context));
    }
    case 'kms:encryptionalgorithm':
      return encryptionAlgorithm(request);
    case 'kms:signingalgorithm':
      return only('Sign', 'Verify') ? one(input.SigningAlgorithm) : undefined;
    case 'kms:messagetype':
      return only('Sign', 'Verify') ? one(input.MessageType ?? 'RAW') : undefined;
    case 'kms:macalgorithm':
      return only('GenerateMac', 'VerifyMac') ? one(input.MacAlgorithm) : undefined;
    case 'kms:datakeypairspec':
      return only('GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext')
        ? one(input.KeyPairSpec)
        : undefined;
    case 'kms:grantoperations':
      return only('CreateGrant') ? many(input.Operations as string[] | undefined) : undefined;
    case 'kms:granteeprincipal':
      return only('CreateGrant') ? one(input.GranteePrincipal) : undefined;
    case 'kms:retiringprincipal':
      return only('CreateGrant') ? one(input.RetiringPrincipal) : undefined;
    case 'kms:grantconstrainttype': {
      if (!only('CreateGrant')) return undefined;
      const constraints = input.Constraints as Record<string, unknown> | undefined;
      return many(
        ['EncryptionContextEquals', 'EncryptionContextSubset'].filter((c) => constraints?.[c] !== undefined),
      );
    }
    case 'kms:grantisforawsresource':
      // No kmsw caller is an AWS service acting for a resource.
      return only('CreateGrant', 'ListGrants', 'RevokeGrant') ? one('false') : undefined;
    case 'kms:keyspec':
      return one(newKey?.keySpec ?? key?.keySpec);
    case 'kms:keyusage':
      return one(newKey?.keyUsage ?? key?.keyUsage);
    case 'kms:keyorigin':
      return one(newKey?.origin ?? key?.origin);
    case 'kms:multiregion':
      return newKey ? one(newKey.multiRegion) : key && one(key.multiRegion !== undefined);
    case 'kms:multiregionkeytype':
      return newKey ? (newKey.multiRegion ? one('PRIMARY') : undefined) : one(key?.multiRegion?.type);
    case 'kms:primaryregion':
      return only('UpdatePrimaryRegion') ? one(input.PrimaryRegion) : undefined;
    case 'kms:replicaregion':
      return only('ReplicateKey') ? one(input.ReplicaRegion) : undefined;
    case 'kms:rotationperiodindays':
      return only('EnableKeyRotation') ? one(input.RotationPeriodInDays) : undefined;
    case 'kms:wrappingalgorithm':
      return only('GetParametersForImport') ? one(input.WrappingAlgorithm) : undefined;
    case 'kms:expirationmodel':
      return only('ImportKeyMaterial') ? one(input.ExpirationModel ?? 'KEY_MATERIAL_EXPIRES') : undefined;
    case 'kms:validto': {
      const validTo = only('ImportKeyMaterial') ? (input.ValidTo as Date | undefined) : undefined;
      return validTo && one(Math.floor(validTo.getTime() / 1000));
    }
    case 'kms:bypasspolicylockoutsafetycheck':
      return only('CreateKey', 'PutKeyPolicy')
        ? one(input.BypassPolicyLockoutSafetyCheck === true)
        : undefined;
    case 'kms:requestalias':
      return one(request.requestAlias);
    case 'kms:resourcealiases':
      return many(request.resourceAliases);
    default:
      return undefined;
  }
}

export function conditionContext(request: AccessRequest): ConditionContext {
  return (name) => lookup(request, name);
}
