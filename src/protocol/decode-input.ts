// Turns the parsed JSON body of an awsJson1_1 request into the operation's input structure, walking the
// generated shape table: base64 strings become Uint8Array for blobs (in Node, views of the shared Buffer pool:
// see decodeBase64View; nothing keeps a request's bytes as they are), epoch-second numbers become Date for
// timestamps, numbers for integers are truncated, and members the model does not know are dropped (AWS
// ignores them). JSON null counts as an absent member. A JSON value of the wrong type is a
// SerializationException with the message AWS's Coral framework gives; the texts come from the dynalite
// project, which recorded them against DynamoDB, another Coral awsJson service
// (https://github.com/mhart/dynalite, validations/index.js and test/helpers.js). Timestamps of the wrong
// type get an empty message: no recorded AWS text was found for them.
// https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html

import { Base64Error, decodeBase64View } from '../api/base64.ts';
import { OPERATIONS, type OperationName } from '../api/generated/operations.ts';
import { SHAPES } from '../api/generated/shapes.ts';
import { SerializationException } from '../api/protocol-errors.ts';
import { UNIT, type OperationDef, type ShapeDef, type StructureDef } from '../api/shape-def.ts';

const NUMBER_CLASS = 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber';
const LIST_FOUND = 'Start of list found where not expected';
const STRUCTURE_FOUND = 'Start of structure or map found where not expected.';

/**
 * Decodes `json` (the parsed request body) into the input of `operation`. The result is not validated yet:
 * required members may be missing and lists or maps may hold nulls (see validateInput).
 * Throws SerializationException.
 */
export function decodeInput(operation: OperationName, json: unknown): Record<string, unknown> {
  if (json === undefined) throw new SerializationException();
  const { input }: OperationDef = OPERATIONS[operation];
  if (input === UNIT || json === null) return {};
  return decodeStructure(structureDef(input), json);
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

function decodeStructure(def: StructureDef, json: unknown): Record<string, unknown> {
  if (Array.isArray(json)) throw new SerializationException(LIST_FOUND);
  if (typeof json !== 'object' || json === null) throw new SerializationException('Expected null');
  const body = json as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(def.members)) {
    const key = member.jsonName ?? name;
    if (!Object.hasOwn(body, key)) continue;
    const value = body[key];
    if (value === null || value === undefined) continue;
    out[name] = decodeValue(member.target, value);
  }
  return out;
}

function decodeValue(target: string, json: unknown): unknown {
  const def = shapeDef(target);
  switch (def.type) {
    case 'structure':
      return decodeStructure(def, json);
    case 'string':
    case 'enum':
      if (typeof json === 'string') return json;
      throw conversionError(json, 'an String');
    case 'integer':
    case 'long':
      if (typeof json === 'number') return Math.trunc(json);
      throw conversionError(json, def.type === 'integer' ? 'an Integer' : 'an Long');
    case 'boolean':
      return decodeBoolean(json);
    case 'blob':
      return decodeBlob(json);
    case 'timestamp':
      if (typeof json === 'number') return new Date(json * 1000);
      throw conversionError(json, 'a Date');
    case 'list':
      if (Array.isArray(json))
        return json.map((item) => (item === null ? null : decodeValue(def.member, item)));
      if (typeof json === 'object' && json !== null) throw new SerializationException(STRUCTURE_FOUND);
      throw new SerializationException('Expected list or null');
    case 'map': {
      if (Array.isArray(json)) throw new SerializationException(LIST_FOUND);
      if (typeof json !== 'object' || json === null) throw new SerializationException('Expected map or null');
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(json)) {
        // defineProperty, not assignment: an own "__proto__" key (JSON.parse makes them) is a key like any
        // other. Assigned, it would be dropped silently (an encryption context {"__proto__": "x"} would bind nothing).
        Object.defineProperty(out, key, {
          value: value === null ? null : decodeValue(def.value, value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
  }
}

/** The error for a JSON value of the wrong kind; `expected` is Coral's wording, e.g. `an String`. */
function conversionError(json: unknown, expected: string): SerializationException {
  if (Array.isArray(json)) return new SerializationException(LIST_FOUND);
  if (typeof json === 'object' && json !== null) return new SerializationException(STRUCTURE_FOUND);
  if (typeof json === 'number')
    return new SerializationException(`${NUMBER_CLASS} can not be converted to ${expected}`);
  if (typeof json === 'boolean')
    return new SerializationException(`class java.lang.Boolean can not be converted to ${expected}`);
  return new SerializationException(`class java.lang.String can not be converted to ${expected}`);
}

function decodeBoolean(json: unknown): boolean {
  if (typeof json === 'boolean') return json;
  if (typeof json === 'string') {
    // Coral accepts the strings true and false (any case) and upper-cases anything else in its message.
    const upper = json.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return upper === 'TRUE';
    throw new SerializationException(`'${upper}' can not be converted to an Boolean`);
  }
  throw conversionError(json, 'an Boolean');
}

function decodeBlob(json: unknown): Uint8Array {
  if (typeof json !== 'string') throw conversionError(json, 'a Blob');
  try {
    return decodeBase64View(json);
  } catch (error) {
    if (error instanceof Base64Error) {
      throw new SerializationException(`'${json}' can not be converted to a Blob: ${error.message}`);
    }
    throw error;
  }
}
