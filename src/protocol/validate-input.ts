// Checks a decoded input against the constraints of the KMS model (required, length, range, pattern, enum),
// recursively through nested structures, lists and maps, and throws a ValidationException with AWS's text:
//   1 validation error detected: Value '<v>' at '<path>' failed to satisfy constraint: Member must ...
//   2 validation errors detected: <first>; <second>
// Rules, from the LocalStack recordings of real AWS KMS (/work/shared/aws-recorded) unless noted:
// - The path is the member name with a lower-case first letter, joined by dots; list entries of structures
//   are `<list>.<1-based index>.member.<member>` (recorded: `tags.1.member.tagKey`).
// - Members are checked in model order. A missing required member gives only `Member must not be null`.
// - The value is left out (`Value at '<path>'`) for sensitive shapes (recorded: `plaintext`) and for every
//   blob (AWS CLI output `Value at 'ciphertextBlob' ...` for an empty non-sensitive blob). A missing
//   value renders as `Value null`. Other values render as Java's toString: lists `[a, b]`, maps `{k=v}`.
// - Strings count Unicode code points (Smithy length semantics), blobs bytes, lists and maps entries.
// - One member may break several constraints; each is its own error, pattern before length (as in
//   DynamoDB, Cognito and Firehose messages seen in public code). At most 10 errors are reported (Coral's
//   limit, as implemented by the dynalite project).
// - Constraints of list members that are not structures are reported once, on the list:
//   `Member must satisfy constraint: [<every constraint of the member shape>]` listing length max, length
//   min, range max, range min, pattern, enum, in that order (ACM and Lambda messages). Map keys and values
//   likewise: `Map keys must satisfy constraint: [...]`, then `Map value must satisfy constraint: [...]`.
//   A null entry adds `Member must not be null` to the list (inferred; Lambda lists it).
// - Enum values are listed in model order; AWS's order is not stable.

import { OPERATIONS, type OperationInput, type OperationName } from '../api/generated/operations.ts';
import { SHAPES } from '../api/generated/shapes.ts';
import { ValidationException } from '../api/protocol-errors.ts';
import { UNIT, type Bounds, type OperationDef, type ShapeDef, type StructureDef } from '../api/shape-def.ts';

/** Coral reports at most this many violations. */
export const MAX_VALIDATION_ERRORS = 10;

/** Validates a decoded input (see decodeInput) and returns it typed; throws ValidationException. */
export function validateInput<Op extends OperationName>(
  operation: Op,
  input: Record<string, unknown>,
): OperationInput<Op> {
  const { input: shape }: OperationDef = OPERATIONS[operation];
  if (shape !== UNIT) {
    const errors = collectViolations(shape, input);
    if (errors.length > 0) throw new ValidationException(validationMessage(errors));
  }
  return input as OperationInput<Op>;
}

/** The violation texts for a structure value, in AWS's order, at most MAX_VALIDATION_ERRORS. */
export function collectViolations(structure: string, value: Record<string, unknown>): string[] {
  const errors: string[] = [];
  checkStructure(structureDef(structure), value, '', errors);
  return errors.slice(0, MAX_VALIDATION_ERRORS);
}

/** Joins violation texts the way AWS does. */
export function validationMessage(errors: readonly string[]): string {
  const count = `${errors.length} validation error${errors.length === 1 ? '' : 's'} detected`;
  return `${count}: ${errors.join('; ')}`;
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

const HIDDEN = Symbol('hidden');

function violation(path: string, value: unknown, constraint: string): string {
  const shown =
    value === HIDDEN ? '' : value === null || value === undefined ? ' null' : ` '${javaString(value)}'`;
  return `Value${shown} at '${path}' failed to satisfy constraint: ${constraint}`;
}

/** Java's toString of the value as Coral holds it. */
function javaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${javaString(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function checkStructure(
  def: StructureDef,
  value: Record<string, unknown>,
  prefix: string,
  errors: string[],
): void {
  for (const [name, member] of Object.entries(def.members)) {
    const path = prefix + lowerFirst(name);
    const v = value[name];
    if (v === undefined || v === null) {
      if (member.required)
        errors.push(violation(path, member.sensitive ? HIDDEN : null, 'Member must not be null'));
      continue;
    }
    checkValue(member.target, v, path, member.sensitive === true, errors);
  }
}

function checkValue(
  target: string,
  value: unknown,
  path: string,
  sensitive: boolean,
  errors: string[],
): void {
  const def = shapeDef(target);
  switch (def.type) {
    case 'structure':
      checkStructure(def, value as Record<string, unknown>, `${path}.`, errors);
      return;
    case 'list': {
      const items = value as readonly unknown[];
      const element = shapeDef(def.member);
      const shown = sensitive || isHidden(element) ? HIDDEN : value;
      for (const c of lengthViolations(def.length, items.length)) errors.push(violation(path, shown, c));
      if (element.type === 'structure' || element.type === 'list' || element.type === 'map') {
        items.forEach((item, i) => {
          const itemPath = `${path}.${i + 1}.member`;
          if (item === null || item === undefined)
            errors.push(violation(itemPath, null, 'Member must not be null'));
          else checkValue(def.member, item, itemPath, false, errors);
        });
        return;
      }
      const nested = entryConstraint(def.member, items);
      if (nested) errors.push(violation(path, shown, `Member must satisfy constraint: ${nested}`));
      return;
    }
    case 'map': {
      const entries = value as Readonly<Record<string, unknown>>;
      const shown = sensitive || isHidden(shapeDef(def.value)) ? HIDDEN : value;
      for (const c of lengthViolations(def.length, Object.keys(entries).length))
        errors.push(violation(path, shown, c));
      const keys = entryConstraint(def.key, Object.keys(entries));
      if (keys) errors.push(violation(path, shown, `Map keys must satisfy constraint: ${keys}`));
      const valueDef = shapeDef(def.value);
      if (valueDef.type === 'structure' || valueDef.type === 'list' || valueDef.type === 'map') {
        for (const [key, item] of Object.entries(entries)) {
          if (item === null || item === undefined)
            errors.push(violation(`${path}.${key}`, null, 'Member must not be null'));
          else checkValue(def.value, item, `${path}.${key}`, false, errors);
        }
        return;
      }
      const values = entryConstraint(def.value, Object.values(entries));
      if (values) errors.push(violation(path, shown, `Map value must satisfy constraint: ${values}`));
      return;
    }
    default: {
      const shown = sensitive || isHidden(def) ? HIDDEN : value;
      for (const c of scalarViolations(def, value)) errors.push(violation(path, shown, c));
    }
  }
}

function isHidden(def: ShapeDef): boolean {
  return def.type === 'blob' || (def.type === 'string' && def.sensitive === true);
}

/** Violated constraints of a scalar value: pattern, then length or range, then enum. */
function scalarViolations(def: ShapeDef, value: unknown): string[] {
  switch (def.type) {
    case 'string': {
      const text = value as string;
      const out: string[] = [];
      if (def.pattern !== undefined && !regex(def.pattern).test(text)) out.push(patternText(def.pattern));
      out.push(...lengthViolations(def.length, codePointLength(text)));
      return out;
    }
    case 'blob':
      return lengthViolations(def.length, (value as Uint8Array).length);
    case 'integer':
    case 'long':
      return rangeViolations(def.range, value as number);
    case 'enum':
      return def.values.includes(value as string) ? [] : [enumText(def.values)];
    default:
      return [];
  }
}

/**
 * For list members and map keys/values that are not structures: the bracketed list of every constraint of
 * the entry shape if any entry breaks one, else undefined.
 */
function entryConstraint(target: string, entries: readonly unknown[]): string | undefined {
  const def = shapeDef(target);
  const hasNull = entries.some((e) => e === null || e === undefined);
  const broken =
    hasNull || entries.some((e) => e !== null && e !== undefined && scalarViolations(def, e).length > 0);
  if (!broken) return undefined;
  const all = allConstraints(def);
  if (hasNull) all.push('Member must not be null');
  return `[${all.join(', ')}]`;
}

function allConstraints(def: ShapeDef): string[] {
  const out: string[] = [];
  const bounds = (b: Bounds | undefined, kind: 'length' | 'value') => {
    if (b?.max !== undefined) out.push(`Member must have ${kind} less than or equal to ${b.max}`);
    if (b?.min !== undefined) out.push(`Member must have ${kind} greater than or equal to ${b.min}`);
  };
  if (def.type === 'string' || def.type === 'blob') bounds(def.length, 'length');
  if (def.type === 'integer' || def.type === 'long') bounds(def.range, 'value');
  if (def.type === 'string' && def.pattern !== undefined) out.push(patternText(def.pattern));
  if (def.type === 'enum') out.push(enumText(def.values));
  return out;
}

function lengthViolations(bounds: Bounds | undefined, length: number): string[] {
  if (bounds?.min !== undefined && length < bounds.min) {
    return [`Member must have length greater than or equal to ${bounds.min}`];
  }
  if (bounds?.max !== undefined && length > bounds.max) {
    return [`Member must have length less than or equal to ${bounds.max}`];
  }
  return [];
}

function rangeViolations(bounds: Bounds | undefined, value: number): string[] {
  if (bounds?.min !== undefined && value < bounds.min)
    return [`Member must have value greater than or equal to ${bounds.min}`];
  if (bounds?.max !== undefined && value > bounds.max)
    return [`Member must have value less than or equal to ${bounds.max}`];
  return [];
}

function patternText(pattern: string): string {
  return `Member must satisfy regular expression pattern: ${pattern}`;
}

function enumText(values: readonly string[]): string {
  return `Member must satisfy enum value set: [${values.join(', ')}]`;
}

const regexCache = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let compiled = regexCache.get(pattern);
  if (!compiled) {
    compiled = new RegExp(pattern, 'u');
    regexCache.set(pattern, compiled);
  }
  return compiled;
}

function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}
