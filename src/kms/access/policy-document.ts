/**
 * The policy grammar shared by key policies and IAM policies: a JSON document with a Statement (one object or a
 * list), each with Sid, Effect, Principal/NotPrincipal (resource-based policies only), Action/NotAction,
 * Resource/NotResource and Condition. Parsing is lenient where AWS's evaluation is: a statement kmsw cannot read
 * (no Effect, an unknown Effect) applies to nothing. Parsed documents are cached by their text, so a key policy is
 * parsed once, not on every request.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */

/** Who a statement's Principal (or NotPrincipal) names. */
export interface PrincipalSpec {
  /** `"Principal": "*"` or `{"AWS": "*"}`. */
  anyone: boolean;
  /** AWS principals: account ids and IAM/STS ARNs. */
  aws: string[];
  /** Service principals (`{"Service": "..."}`); kmsw callers are never services. */
  service: string[];
}

/** A condition block: operator → condition key → policy values (as strings). */
export type ConditionBlock = ReadonlyArray<{
  operator: string;
  entries: ReadonlyArray<{ key: string; values: readonly string[] }>;
}>;

export interface PolicyStatement {
  /** Position in the Statement list, from 0. */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  condition?: ConditionBlock;
  /** For a statement of an identity's IAM policies: which of its `policies`, from 0. */
  policy?: number;
}

export interface ParsedPolicy {
  statements: PolicyStatement[];
  /** Lower-cased condition keys the policy tests (to compute costly context values only when asked). */
  conditionKeys: ReadonlySet<string>;
}

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

const stringList = (value: unknown): string[] | undefined =>
  value === undefined ? undefined : asList(value).filter((v): v is string => typeof v === 'string');

function principalSpec(value: unknown): PrincipalSpec | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return { anyone: true, aws: [], service: [] };
  if (typeof value !== 'object' || value === null) return { anyone: false, aws: [], service: [] };
  const record = value as Record<string, unknown>;
  const aws = stringList(record.AWS) ?? [];
  return {
    anyone: aws.includes('*'),
    aws: aws.filter((p) => p !== '*'),
    service: stringList(record.Service) ?? [],
  };
}

/** Policy values are strings, numbers or booleans (or lists of them); IAM compares them as text. */
const policyValues = (value: unknown): string[] =>
  asList(value)
    .filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map(String);

function conditionBlock(value: unknown, keys: Set<string>): ConditionBlock | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).map(([operator, body]) => ({
    operator,
    entries:
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? Object.entries(body as Record<string, unknown>).map(([key, values]) => {
            keys.add(key.toLowerCase());
            return { key, values: policyValues(values) };
          })
        : [{ key: '', values: [] }],
  }));
}

/** The statements of a parsed policy document (any JSON value; non-objects have none). */
export function readPolicy(doc: unknown): ParsedPolicy {
  const conditionKeys = new Set<string>();
  const statements: PolicyStatement[] = [];
  const list =
    typeof doc === 'object' && doc !== null ? asList((doc as { Statement?: unknown }).Statement) : [];
  list.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
    const s = raw as Record<string, unknown>;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return;
    statements.push({
      index,
      ...(typeof s.Sid === 'string' && s.Sid !== '' && { sid: s.Sid }),
      effect: s.Effect,
      principal: principalSpec(s.Principal),
      notPrincipal: principalSpec(s.NotPrincipal),
      action: stringList(s.Action),
      notAction: stringList(s.NotAction),
      resource: stringList(s.Resource),
      notResource: stringList(s.NotResource),
      condition: conditionBlock(s.Condition, conditionKeys),
    });
  });
  return { statements, conditionKeys };
}

const parsed = new Map<string, ParsedPolicy>();
const MAX_CACHED = 500;
const EMPTY: ParsedPolicy = { statements: [], conditionKeys: new Set() };

/** The statements of a policy document given as JSON text; text that is not JSON has none. */
export function parsePolicy(text: string): ParsedPolicy {
  let policy = parsed.get(text);
  if (!policy) {
    try {
      policy = readPolicy(JSON.parse(text));
    } catch {
      policy = EMPTY;
    }
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(text, policy);
  }
  return policy;
}

/** How a statement is named in explanations: `statement "Sid" (#2)` or `statement #2`. */
export const describeStatement = (s: PolicyStatement): string =>
  s.sid === undefined ? `statement #${s.index}` : `statement "${s.sid}" (#${s.index})`;
