/**
 * The Condition element: every operator of a block must hold, every key of an operator must hold, and a key holds
 * when the request's value matches any of the policy's values (none of them, for the negated operators). Operators:
 * String*, Numeric*, Date*, Bool, Arn*, BinaryEquals, Null; the `...IfExists` suffix (a missing key holds) and the
 * `ForAllValues:` / `ForAnyValue:` set prefixes for multivalued keys. A missing key fails a positive operator and
 * satisfies a negated one. IP address operators need network keys kmsw does not have: they never hold.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import { wildcardMatch } from './wildcard.ts';
import type { ConditionBlock } from './policy-document.ts';

/** One key of the request context: its values, and whether the key is multivalued (kms:EncryptionContextKeys). */
export interface ContextValue {
  values: readonly string[];
  multi?: boolean;
}

/** Looks a condition key up by its lower-cased name; undefined when the request has no such key. */
export type ConditionContext = (lowerCaseKey: string) => ContextValue | undefined;

type Compare = (requestValue: string, policyValue: string) => boolean;

function parseDate(value: string): number {
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  return Date.parse(value);
}

function numeric(test: (a: number, b: number) => boolean): Compare {
  return (a, b) => {
    const x = Number(a);
    const y = Number(b);
    return a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) && test(x, y);
  };
}

function date(test: (a: number, b: number) => boolean): Compare {
  return (a, b) => {
    const x = parseDate(a);
    const y = parseDate(b);
    return Number.isFinite(x) && Number.isFinite(y) && test(x, y);
  };
}

const base64Bytes = (value: string) => {
  try {
    return atob(value);
  } catch {
    return undefined;
  }
};

/** Positive comparisons; the negated operators are spelled `[positive, true]`. */
const OPERATORS: Record<string, [Compare, boolean]> = {};
const define = (name: string, compare: Compare, negatedName?: string) => {
  OPERATORS[name] = [compare, false];
  if (negatedName) OPERATORS[negatedName] = [compare, true];
};
define('StringEquals', (a, b) => a === b, 'StringNotEquals');
define('StringEqualsIgnoreCase', (a, b) => a.toLowerCase() === b.toLowerCase(), 'StringNotEqualsIgnoreCase');
define('StringLike', (a, b) => wildcardMatch(b, a), 'StringNotLike');
define(
  'NumericEquals',
  numeric((a, b) => a === b),
  'NumericNotEquals',
);
define(
  'NumericLessThan',
  numeric((a, b) => a < b),
);
define(
  'NumericLessThanEquals',
  numeric((a, b) => a <= b),
);
define(
  'NumericGreaterThan',
  numeric((a, b) => a > b),
);
define(
  'NumericGreaterThanEquals',
  numeric((a, b) => a >= b),
);
define(
  'DateEquals',
  date((a, b) => a === b),
  'DateNotEquals',
);
define(
  'DateLessThan',
  date((a, b) => a < b),
);
define(
  'DateLessThanEquals',
  date((a, b) => a <= b),
);
define(
  'DateGreaterThan',
  date((a, b) => a > b),
);
define(
  'DateGreaterThanEquals',
  date((a, b) => a >= b),
);
define('Bool', (a, b) => a.toLowerCase() === b.toLowerCase());
// ArnEquals and ArnLike behave identically (IAM User Guide, "Amazon Resource Name (ARN) condition operators").
define('ArnEquals', (a, b) => wildcardMatch(b, a), 'ArnNotEquals');
define('ArnLike', (a, b) => wildcardMatch(b, a), 'ArnNotLike');
define('BinaryEquals', (a, b) => base64Bytes(b) !== undefined && base64Bytes(a) === base64Bytes(b));

interface ParsedOperator {
  set?: 'ForAllValues' | 'ForAnyValue';
  ifExists: boolean;
  base: string;
}

function parseOperator(name: string): ParsedOperator {
  let rest = name;
  let set: ParsedOperator['set'];
  for (const prefix of ['ForAllValues', 'ForAnyValue'] as const) {
    if (rest.startsWith(`${prefix}:`)) {
      set = prefix;
      rest = rest.slice(prefix.length + 1);
    }
  }
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  return { set, ifExists, base: ifExists ? rest.slice(0, -'IfExists'.length) : rest };
}

function keyHolds(
  op: ParsedOperator,
  policyValues: readonly string[],
  value: ContextValue | undefined,
): boolean {
  const present = value !== undefined && value.values.length > 0;
  if (op.base === 'Null') {
    // "true": the key must be absent; "false": present.
    return policyValues.some((p) => (p.toLowerCase() === 'true' ? !present : present));
  }
  const operator = OPERATORS[op.base];
  if (!operator) return false;
  const [compare, negated] = operator;
  const matchesOne = (v: string) => policyValues.some((p) => compare(v, p));
  const holdsFor = (v: string) => (negated ? !matchesOne(v) : matchesOne(v));
  const values = value?.values ?? [];
  if (op.set === 'ForAllValues') return values.every(holdsFor);
  if (op.set === 'ForAnyValue') return values.some(holdsFor);
  if (!present) return op.ifExists || negated;
  return negated ? !values.some(matchesOne) : values.some(matchesOne);
}

/** The first `Operator key` of the block that does not hold, or undefined when the whole block holds. */
export function failingCondition(block: ConditionBlock, context: ConditionContext): string | undefined {
  for (const { operator, entries } of block) {
    const parsed = parseOperator(operator);
    for (const { key, values } of entries) {
      if (!keyHolds(parsed, values, context(key.toLowerCase()))) return `${operator} ${key}`;
    }
  }
  return undefined;
}
