/**
 * Evaluates the statements of one policy for one request: which Deny applies, which Allow applies (and whether it
 * names the caller itself or only its account), and, for explanations, the first Allow that would have applied but
 * for its Condition. A statement applies when its Principal (resource-based policies only), Action and Resource
 * match and its Condition holds. Actions match case-insensitively, resources case-sensitively, both with wildcards.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import type { Caller } from './caller.ts';
import { specNames } from './caller.ts';
import { failingCondition, type ConditionContext } from './condition-operators.ts';
import type { PolicyStatement } from './policy-document.ts';
import { wildcardMatch } from './wildcard.ts';

export interface EvaluationRequest {
  caller: Caller;
  /** `kms:<Operation>`. */
  action: string;
  /** The key ARN, `*` for operations on no resource, or undefined to match any Resource element. */
  resource: string | undefined;
  context: ConditionContext;
}

export interface Verdict {
  deny?: PolicyStatement;
  allow?: PolicyStatement;
  /** How the applying Allow names the caller (resource-based policies): itself, or its account. */
  via?: 'direct' | 'account';
  /** An Allow whose Principal, Action and Resource match but whose Condition does not hold. */
  missed?: { statement: PolicyStatement; condition: string };
}

const anyMatches = (patterns: readonly string[], value: string, ignoreCase: boolean) =>
  patterns.some((p) => wildcardMatch(p, value, ignoreCase));

function coversAction(s: PolicyStatement, action: string): boolean {
  if (s.action) return anyMatches(s.action, action, true);
  if (s.notAction) return !anyMatches(s.notAction, action, true);
  return false;
}

function coversResource(s: PolicyStatement, resource: string | undefined): boolean {
  if (s.resource) return resource === undefined || anyMatches(s.resource, resource, false);
  if (s.notResource) return resource === undefined || !anyMatches(s.notResource, resource, false);
  return false;
}

function namesCaller(s: PolicyStatement, caller: Caller): 'direct' | 'account' | undefined {
  if (s.principal) return specNames(s.principal, caller);
  // NotPrincipal excludes only the principals it names themselves: an account there does not exclude its users
  // (IAM User Guide, "NotPrincipal").
  if (s.notPrincipal) return specNames(s.notPrincipal, caller) === 'direct' ? undefined : 'account';
  return undefined;
}

export function evaluateStatements(
  statements: readonly PolicyStatement[],
  request: EvaluationRequest,
  resourceBased: boolean,
): Verdict {
  const verdict: Verdict = {};
  for (const s of statements) {
    if (!coversAction(s, request.action) || !coversResource(s, request.resource)) continue;
    const via = resourceBased ? namesCaller(s, request.caller) : 'direct';
    if (!via) continue;
    const failed = s.condition ? failingCondition(s.condition, request.context) : undefined;
    if (failed !== undefined) {
      if (s.effect === 'Allow' && !verdict.missed) verdict.missed = { statement: s, condition: failed };
      continue;
    }
    if (s.effect === 'Deny') return { deny: s };
    if (!verdict.allow || (via === 'direct' && verdict.via === 'account')) {
      verdict.allow = s;
      verdict.via = via;
    }
  }
  return verdict;
}
