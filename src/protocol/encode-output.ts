// Turns an operation's output into the JSON-ready object of an awsJson1_1 response, walking the generated
// shape table: Uint8Array becomes base64, Date becomes epoch seconds (fractional allowed), members are
// written in model order under their JSON names, and undefined or null members are left out. A member with
// a Smithy default (e.g. `Truncated`, `KeyMetadata.Enabled`) is written with that default when the value is
// missing, as AWS always sends those members. Members the model does not know are dropped, so internal
// fields can never leak. A value of the wrong type is a bug in the implementation: it throws a TypeError,
// which the request handler turns into KMSInternalException.
// https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html

import { encodeBase64 } from '../api/base64.ts';
import { OPERATIONS, type OperationName } from '../api/generated/operations.ts';
import { SHAPES } from '../api/generated/shapes.ts';
import { UNIT, type OperationDef, type ShapeDef, type StructureDef } from '../api/shape-def.ts';

/** Encodes the output of `operation` (an OperationOutput) for JSON.stringify. */
export function encodeOutput(operation: OperationName, value: unknown): Record<string, unknown> {
  const { output }: OperationDef = OPERATIONS[operation];
  if (output === UNIT || value === undefined || value === null) return {};
  return encodeStructure(structureDef(output), value, output);
}

function shapeDef(name: string): ShapeDef {
  const def = SHAPES[name];
  if (!def) throw new Error(`no shape ${name} in SHAPES`);
  return def;
}

function structureDef(name: string): StructureDef {
  const def = shapeDef(name);
  if (def.type !== 'structure') throw new Error(`shape ${name} is not a structure`);
  return def;
}

function fail(path: string, expected: string, value: unknown): never {
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  throw new TypeError(`encodeOutput: ${path} must be ${expected}, got ${actual}`);
}

/** A structure's members in model order, as encoding needs them; worked out once per structure. */
interface MemberPlan {
  name: string;
  key: string;
  target: string;
  fallback: unknown;
  /** The member's part of an error path: `.Name`. */
  segment: string;
}
const memberPlans = new WeakMap<StructureDef, readonly MemberPlan[]>();

function membersOf(def: StructureDef): readonly MemberPlan[] {
  let plan = memberPlans.get(def);
  if (!plan) {
    plan = Object.entries(def.members).map(([name, member]) => ({
      name,
      key: member.jsonName ?? name,
      target: member.target,
      fallback: member.default,
      segment: `.${name}`,
    }));
    memberPlans.set(def, plan);
  }
  return plan;
}

function encodeStructure(def: StructureDef, value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const member of membersOf(def)) {
    const v = source[member.name];
    if (v === undefined || v === null) {
      if (member.fallback !== undefined) out[member.key] = member.fallback;
      continue;
    }
    out[member.key] = encodeValue(member.target, v, path, member.segment);
  }
  return out;
}

/** Encodes `value` of shape `target`; its path (`parent` + `segment`) is only put together for an error. */
function encodeValue(target: string, value: unknown, parent: string, segment: string): unknown {
  const def = shapeDef(target);
  switch (def.type) {
    case 'structure':
      return encodeStructure(def, value, parent + segment);
    case 'string':
    case 'enum':
      return typeof value === 'string' ? value : fail(parent + segment, 'a string', value);
    case 'integer':
    case 'long':
      return Number.isInteger(value) ? value : fail(parent + segment, 'an integer', value);
    case 'boolean':
      return typeof value === 'boolean' ? value : fail(parent + segment, 'a boolean', value);
    case 'blob':
      return value instanceof Uint8Array
        ? encodeBase64(value)
        : fail(parent + segment, 'a Uint8Array', value);
    case 'timestamp':
      return value instanceof Date && !Number.isNaN(value.getTime())
        ? value.getTime() / 1000
        : fail(parent + segment, 'a valid Date', value);
    case 'list': {
      const path = parent + segment;
      if (!Array.isArray(value)) fail(path, 'an array', value);
      return value.map((item: unknown, i: number) => encodeValue(def.member, item, path, `[${i}]`));
    }
    case 'map': {
      const path = parent + segment;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        // As in decode-input: a "__proto__" key is data and must reach the JSON, not be dropped by assignment.
        Object.defineProperty(out, key, {
          value: encodeValue(def.value, item, path, `.${key}`),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
  }
}
