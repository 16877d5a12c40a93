/**
 * The `identities` option: which principal each SigV4 access key id stands for. A value is an identity ARN (IAM
 * user, IAM role, assumed-role session, federated user or account root) or `{ arn, secretAccessKey?, policies? }`,
 * where `policies` are IAM policy documents (objects or JSON text) attached to the principal and
 * `secretAccessKey` lets `verifySignatures` check the request's signature. A role is reported as AWS reports the
 * session that assumed it, `arn:aws:sts::<account>:assumed-role/<name>/kmsw`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
import { callerFromArn, type Caller } from './caller.ts';
import { readPolicy, type PolicyStatement } from './policy-document.ts';

export type KmsIdentity =
  string | { arn: string; secretAccessKey?: string; policies?: Array<Record<string, unknown> | string> };

/** Access key id → identity. */
export type KmsIdentities = Record<string, KmsIdentity>;

export interface Identity {
  accessKeyId: string;
  caller: Caller;
  secretAccessKey?: string;
}

export type IdentityDirectory = ReadonlyMap<string, Identity>;

/** The identities document cannot be used; the message says where and why. */
export class KmsIdentitiesError extends Error {
  override readonly name = 'KmsIdentitiesError';
}

/** The session name kmsw gives a role's callers (AWS reports a role caller as an assumed-role session). */
export const ROLE_SESSION_NAME = 'kmsw';

const ACCESS_KEY_ID = /^[\w+=.@-]{1,128}$/;

function iamPolicy(value: unknown, where: string): PolicyStatement[] {
  let doc = value;
  if (typeof value === 'string') {
    try {
      doc = JSON.parse(value);
    } catch {
      throw new KmsIdentitiesError(`${where} is not valid JSON`);
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('Statement' in doc)) {
    throw new KmsIdentitiesError(`${where} must be a policy document: a JSON object with a Statement`);
  }
  return readPolicy(doc).statements;
}

function identity(accessKeyId: string, value: unknown): Identity {
  const where = `identity ${accessKeyId}`;
  if (!ACCESS_KEY_ID.test(accessKeyId)) {
    throw new KmsIdentitiesError(
      `"${accessKeyId}" is not an access key id (1 to 128 letters, digits or +=.@-_)`,
    );
  }
  const spec = typeof value === 'string' ? { arn: value } : value;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new KmsIdentitiesError(`${where}: expected an ARN or { "arn", "secretAccessKey"?, "policies"? }`);
  }
  const { arn, secretAccessKey, policies, ...rest } = spec as Record<string, unknown>;
  const unknownFields = Object.keys(rest);
  if (unknownFields.length > 0) throw new KmsIdentitiesError(`${where}: unknown field "${unknownFields[0]}"`);
  const base = typeof arn === 'string' ? callerFromArn(arn, ROLE_SESSION_NAME) : undefined;
  if (!base) {
    throw new KmsIdentitiesError(
      `${where}: "arn" must be the ARN of an account root, IAM user, IAM role, assumed-role session or federated user, got ${JSON.stringify(arn)}`,
    );
  }
  if (secretAccessKey !== undefined && (typeof secretAccessKey !== 'string' || secretAccessKey === '')) {
    throw new KmsIdentitiesError(`${where}: "secretAccessKey" must be a non-empty string`);
  }
  if (policies !== undefined && !Array.isArray(policies)) {
    throw new KmsIdentitiesError(`${where}: "policies" must be a list of IAM policy documents`);
  }
  const iam = policies?.flatMap((p, i) =>
    iamPolicy(p, `${where}: policies[${i}]`).map((s) => ({ ...s, policy: i })),
  );
  return {
    accessKeyId,
    caller: { ...base, ...(iam && { iam }) },
    ...(secretAccessKey !== undefined && { secretAccessKey: secretAccessKey as string }),
  };
}

/** Checks and indexes the identities option (an object, or its JSON text). */
export function readIdentities(input: KmsIdentities | string): IdentityDirectory {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new KmsIdentitiesError(`the identities are not valid JSON: ${(error as Error).message}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KmsIdentitiesError('the identities must be a JSON object mapping access key ids to principals');
  }
  const directory = new Map<string, Identity>();
  for (const [accessKeyId, spec] of Object.entries(value))
    directory.set(accessKeyId, identity(accessKeyId, spec));
  return directory;
}
