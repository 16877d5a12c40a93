/**
 * Secrets out of the request log: every member the KMS model marks `sensitive` (Plaintext, PrivateKeyPlaintext,
 * SharedSecret, Sign/Verify Message, GetParametersForImport's PublicKey, custom key store passwords and XKS
 * credentials), plus ImportKeyMaterial's EncryptedKeyMaterial (key material, even if wrapped), becomes
 * `"<redacted N bytes>"` — N the decoded length of a base64 blob, or the UTF-8 length of a string. Values of another
 * JSON type (input AWS refuses anyway) become `"<redacted>"`.
 *
 * A redaction plan per shape is computed once from the generated shape table; a body whose shape has no secret is
 * returned as it is (no copy), and one with secrets is copied only along the path to them.
 * https://smithy.io/2.0/spec/documentation-traits.html#sensitive-trait
 */
import { OPERATIONS, type OperationName } from '../../api/generated/operations.ts';
import { SHAPES } from '../../api/generated/shapes.ts';
import { UNIT } from '../../api/shape-def.ts';

/** Members that hold key material without the model's sensitive trait. */
const KEY_MATERIAL = new Set(['EncryptedKeyMaterial']);

/** Per member: `blob` / `text` redacts the value (sized as base64 or as UTF-8), a nested plan redacts inside it. */
type Rule = 'blob' | 'text' | Plan;
type Plan = ReadonlyMap<string, Rule> | null;

const plans = new Map<string, Plan>();

function planOf(shapeName: string, visiting?: Set<string>): Plan {
  const known = plans.get(shapeName);
  if (known !== undefined) return known;
  visiting ??= new Set<string>();
  const shape = SHAPES[shapeName];
  if (!shape || visiting.has(shapeName)) return null;
  visiting.add(shapeName);
  let plan: Plan = null;
  if (shape.type === 'structure') {
    const members = new Map<string, Rule>();
    for (const [name, member] of Object.entries(shape.members)) {
      const key = member.jsonName ?? name;
      if (member.sensitive || KEY_MATERIAL.has(name)) {
        members.set(key, SHAPES[member.target]?.type === 'blob' ? 'blob' : 'text');
      } else {
        const inner = planOf(member.target, visiting);
        if (inner) members.set(key, inner);
      }
    }
    plan = members.size > 0 ? members : null;
  } else if (shape.type === 'list') {
    const inner = planOf(shape.member, visiting);
    plan = inner && new Map([['[]', inner]]);
  }
  visiting.delete(shapeName);
  plans.set(shapeName, plan);
  return plan;
}

function redacted(value: unknown, kind: 'blob' | 'text'): string {
  if (typeof value !== 'string') return '<redacted>';
  return `<redacted ${kind === 'blob' ? base64Length(value) : utf8Length(value)} bytes>`;
}

/** Decoded size of base64 text (AWS JSON blobs), without decoding it. */
function base64Length(value: string): number {
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  return Math.floor((value.length * 3) / 4) - padding;
}

const encoder = new TextEncoder();
const utf8Length = (value: string) => encoder.encode(value).length;

function apply(value: unknown, plan: Plan): unknown {
  if (!plan || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const listPlan = plan.get('[]');
    return typeof listPlan === 'object' ? value.map((item) => apply(item, listPlan)) : value;
  }
  let copy: Record<string, unknown> | undefined;
  const source = value as Record<string, unknown>;
  for (const [key, rule] of plan) {
    if (!Object.hasOwn(source, key) || source[key] === null || source[key] === undefined) continue;
    const next = typeof rule === 'string' ? redacted(source[key], rule) : apply(source[key], rule);
    if (next !== source[key]) {
      copy ??= { ...source };
      copy[key] = next;
    }
  }
  return copy ?? source;
}

/** The request body of `operation` with its secrets replaced (the same object when it holds none). */
export function redactRequest(operation: OperationName, body: Record<string, unknown>): unknown {
  const shape: string = OPERATIONS[operation].input;
  return shape === UNIT ? body : apply(body, planOf(shape));
}

/** The response body of `operation` with its secrets replaced (the same object when it holds none). */
export function redactResponse(operation: OperationName, body: Record<string, unknown>): unknown {
  const shape: string = OPERATIONS[operation].output;
  return shape === UNIT ? body : apply(body, planOf(shape));
}
