// Generates src/api/generated/ from the vendored AWS KMS Smithy model (model/kms.json) and the overlay of
// newer API additions (model/overlay.json). Run `npm run codegen`; scripts/codegen.test.ts fails when the
// committed files differ from what this script produces.
//
// Overlay merge rules (also written in model/overlay.json and model/SOURCE.md):
//   1. a shape id missing from kms.json is added as it is;
//   2. an overlay entry with only `type` and `members` (structure, enum) or `operations` (service) extends
//      the kms.json shape of that id: each member or operation kms.json lacks is appended, the others are
//      skipped; a different shape type is an error;
//   3. any other overlay entry whose id kms.json already has is skipped whole.
// kms.json always wins, and skipped entries are reported, so a newer published model can simply replace
// kms.json; the overlay then only yields skips and can be emptied.
//
// HTTP status rule for the exception classes: AWS KMS (awsJson1_1) sends HTTP 400 for every client fault.
// The LocalStack recordings from real AWS (/work/shared/aws-recorded) show 400 for NotFoundException,
// KMSInvalidStateException, DisabledException and DryRunOperationException, whose `httpError` in the model
// is 404/409/409/412, so the model's status is only trusted for server faults (KMSInternalException 500,
// KeyUnavailableException 500, DependencyTimeoutException 503). AlreadyExistsException and
// ConflictException (model 409, never recorded) follow the same client-fault rule and get 400. The
// model's status is kept in a comment on each class.
//
// Generated files:
//   shapes.ts      SHAPES: every shape reachable from the operations' inputs and outputs (ShapeDef table)
//   types.ts       TypeScript types: enums as string-literal unions plus *_VALUES arrays, one interface per
//                  structure (blob -> Uint8Array, timestamp -> Date, integer/long -> number, lists and
//                  maps readonly so implementations may return frozen or shared arrays)
//   operations.ts  OPERATIONS table, OperationName, OPERATION_NAMES and the KmsApi interface
//   exceptions.ts  one KmsError subclass per modelled error, and the KMS_EXCEPTIONS registry
//   index.ts       re-exports

import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import type { MemberDef, ShapeDef } from '../src/api/shape-def.ts';

export interface SmithyRef {
  target: string;
  traits?: Record<string, unknown>;
}

export interface SmithyShape {
  type: string;
  members?: Record<string, SmithyRef>;
  member?: SmithyRef;
  key?: SmithyRef;
  value?: SmithyRef;
  input?: SmithyRef;
  output?: SmithyRef;
  errors?: SmithyRef[];
  operations?: SmithyRef[];
  traits?: Record<string, unknown>;
  [other: string]: unknown;
}

export interface SmithyModel {
  smithy: string;
  metadata?: Record<string, unknown>;
  shapes: Record<string, SmithyShape>;
}

export interface MergeResult {
  model: SmithyModel;
  /** Overlay entries added to the model: shape ids, `Shape$Member` or `Service$Operation`. */
  added: string[];
  /** Overlay entries the model already has (the model wins). */
  skipped: string[];
}

export const GENERATED_DIR = 'src/api/generated';

const UNIT_TARGET = 'smithy.api#Unit';
const DOCS_URL = 'https://docs.aws.amazon.com/kms/latest/APIReference';

/** Traits that carry no meaning for kmsw's wire handling and validation. */
const IGNORED_TRAITS = new Set([
  'smithy.api#documentation',
  'smithy.api#deprecated',
  'smithy.api#input',
  'smithy.api#output',
  'smithy.api#examples',
  'smithy.api#paginated',
  'smithy.api#default',
  'smithy.api#error',
  'smithy.api#httpError',
  'aws.protocols#awsQueryError',
]);
/** Traits this generator understands. Any other trait on a reachable shape stops generation. */
const HANDLED_TRAITS = new Set([
  'smithy.api#required',
  'smithy.api#sensitive',
  'smithy.api#length',
  'smithy.api#pattern',
  'smithy.api#range',
  'smithy.api#jsonName',
  'smithy.api#enumValue',
]);

// ---------------------------------------------------------------------------------------------- merging

export function mergeOverlay(model: SmithyModel, overlay: SmithyModel): MergeResult {
  const shapes: Record<string, SmithyShape> = structuredClone(model.shapes);
  const added: string[] = [];
  const skipped: string[] = [];
  for (const [id, extra] of Object.entries(overlay.shapes)) {
    const existing = shapes[id];
    if (!existing) {
      shapes[id] = structuredClone(extra);
      added.push(id);
      continue;
    }
    const list = extra.type === 'service' ? 'operations' : 'members';
    const isExtension =
      ['service', 'structure', 'enum'].includes(extra.type) &&
      Object.keys(extra).every((key) => key === 'type' || key === list);
    if (!isExtension) {
      skipped.push(id);
      continue;
    }
    if (existing.type !== extra.type) {
      throw new Error(`overlay: ${id} is a ${extra.type} in the overlay but a ${existing.type} in the model`);
    }
    if (extra.type === 'service') {
      const operations = (existing.operations ??= []);
      for (const op of extra.operations ?? []) {
        const entry = `${id}$${localName(op.target)}`;
        if (operations.some((o) => o.target === op.target)) skipped.push(entry);
        else {
          operations.push(structuredClone(op));
          added.push(entry);
        }
      }
    } else {
      const members = (existing.members ??= {});
      for (const [name, member] of Object.entries(extra.members ?? {})) {
        const entry = `${id}$${name}`;
        if (name in members) skipped.push(entry);
        else {
          members[name] = structuredClone(member);
          added.push(entry);
        }
      }
    }
  }
  return { model: { ...model, shapes }, added, skipped };
}

// -------------------------------------------------------------------------------------------- model walk

function localName(id: string): string {
  const hash = id.indexOf('#');
  return hash < 0 ? id : id.slice(hash + 1);
}

interface OperationInfo {
  name: string;
  input: string;
  output: string;
  errors: string[];
}

interface ModelView {
  shapes: Record<string, SmithyShape>;
  operations: OperationInfo[];
  /** Shape ids reachable from operation inputs and outputs, sorted by local name. */
  reachable: string[];
  /** Error shape ids, sorted by local name. */
  errors: string[];
}

function shapeOf(shapes: Record<string, SmithyShape>, id: string): SmithyShape {
  const shape = shapes[id];
  if (!shape) throw new Error(`shape ${id} is referenced but not defined`);
  return shape;
}

function checkTraits(where: string, traits: Record<string, unknown> | undefined): void {
  for (const trait of Object.keys(traits ?? {})) {
    if (!IGNORED_TRAITS.has(trait) && !HANDLED_TRAITS.has(trait)) {
      throw new Error(`${where}: trait ${trait} is not supported by scripts/codegen.ts`);
    }
  }
}

function viewModel(model: SmithyModel): ModelView {
  const { shapes } = model;
  const services = Object.entries(shapes).filter(([, s]) => s.type === 'service');
  if (services.length !== 1) throw new Error(`expected one service shape, found ${services.length}`);
  const [, service] = services[0]!;
  const refName = (ref: SmithyRef | undefined) => (!ref || ref.target === UNIT_TARGET ? 'Unit' : ref.target);

  const operations: OperationInfo[] = (service.operations ?? []).map((ref) => {
    const op = shapeOf(shapes, ref.target);
    if (op.type !== 'operation') throw new Error(`${ref.target} is not an operation`);
    return {
      name: localName(ref.target),
      input: refName(op.input),
      output: refName(op.output),
      errors: (op.errors ?? []).map((e) => e.target),
    };
  });
  operations.sort((a, b) => compare(a.name, b.name));

  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (id === 'Unit' || seen.has(id)) return;
    if (!id.startsWith('com.amazonaws.kms#')) throw new Error(`unsupported target ${id}`);
    seen.add(id);
    const shape = shapeOf(shapes, id);
    checkTraits(id, shape.traits);
    if (shape.type === 'structure') {
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        checkTraits(`${id}$${name}`, member.traits);
        visit(member.target);
      }
    } else if (shape.type === 'list') visit(shape.member!.target);
    else if (shape.type === 'map') {
      visit(shape.key!.target);
      visit(shape.value!.target);
    }
  };
  for (const op of operations) {
    visit(op.input);
    visit(op.output);
  }
  const errors = [...new Set(operations.flatMap((op) => op.errors))];
  for (const id of errors) {
    if (!shapeOf(shapes, id).traits?.['smithy.api#error']) throw new Error(`${id} is not an error shape`);
  }
  const byName = (a: string, b: string) => compare(localName(a), localName(b));
  const reachable = [...seen].sort(byName);
  const names = new Set(reachable.map(localName));
  if (names.size !== reachable.length) throw new Error('two reachable shapes share a local name');
  return { shapes, operations, reachable, errors: errors.sort(byName) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ------------------------------------------------------------------------------------ shape conversion

function bounds(value: unknown): { min?: number; max?: number } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { min, max } = value as { min?: number; max?: number };
  const out: { min?: number; max?: number } = {};
  if (typeof min === 'number') out.min = min;
  if (typeof max === 'number') out.max = max;
  return Object.keys(out).length > 0 ? out : undefined;
}

function toShapeDef(shapes: Record<string, SmithyShape>, id: string): ShapeDef {
  const shape = shapeOf(shapes, id);
  const traits = shape.traits ?? {};
  const length = bounds(traits['smithy.api#length']);
  const sensitive = 'smithy.api#sensitive' in traits ? { sensitive: true as const } : {};
  switch (shape.type) {
    case 'structure': {
      const members: Record<string, MemberDef> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const mt = member.traits ?? {};
        const target = shapeOf(shapes, member.target);
        const def: {
          target: string;
          required?: true;
          jsonName?: string;
          sensitive?: true;
          default?: boolean | number | string;
          deprecated?: true;
        } = { target: localName(member.target) };
        if ('smithy.api#required' in mt) def.required = true;
        const jsonName = mt['smithy.api#jsonName'];
        if (typeof jsonName === 'string' && jsonName !== name) def.jsonName = jsonName;
        if (target.traits?.['smithy.api#sensitive'] || 'smithy.api#sensitive' in mt) def.sensitive = true;
        const dflt = mt['smithy.api#default'];
        if (typeof dflt === 'boolean' || typeof dflt === 'number' || typeof dflt === 'string')
          def.default = dflt;
        if ('smithy.api#deprecated' in mt) def.deprecated = true;
        members[name] = def;
      }
      return { type: 'structure', members };
    }
    case 'string': {
      const pattern = traits['smithy.api#pattern'];
      return {
        type: 'string',
        ...(length && { length }),
        ...(typeof pattern === 'string' && { pattern }),
        ...sensitive,
      };
    }
    case 'enum':
      return {
        type: 'enum',
        values: Object.entries(shape.members ?? {}).map(([name, m]) => {
          const value = m.traits?.['smithy.api#enumValue'];
          return typeof value === 'string' ? value : name;
        }),
      };
    case 'integer':
    case 'long': {
      const range = bounds(traits['smithy.api#range']);
      return { type: shape.type, ...(range && { range }) };
    }
    case 'blob':
      return { type: 'blob', ...(length && { length }), ...sensitive };
    case 'list':
      return { type: 'list', member: localName(shape.member!.target), ...(length && { length }) };
    case 'map':
      return {
        type: 'map',
        key: localName(shape.key!.target),
        value: localName(shape.value!.target),
        ...(length && { length }),
      };
    case 'timestamp':
      return { type: 'timestamp' };
    case 'boolean':
      return { type: 'boolean' };
    default:
      throw new Error(`${id}: shape type ${shape.type} is not supported by scripts/codegen.ts`);
  }
}

// ------------------------------------------------------------------------------------------- emission

const HEADER = (what: string) =>
  `// GENERATED by scripts/codegen.ts from model/kms.json and model/overlay.json: do not edit; run \`npm run codegen\`.\n// ${what}\n\n`;

/** A TypeScript literal for plain JSON-like data (prettier normalises quotes and layout). */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${propertyKey(k)}: ${literal(v)}`);
    return `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

function constantName(shapeName: string): string {
  return `${shapeName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toUpperCase()}_VALUES`;
}

/** First sentence of a Smithy documentation string, as plain text. */
function summary(doc: unknown): string {
  if (typeof doc !== 'string') return '';
  const text = doc
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  const end = text.search(/\.(\s|$)/);
  const sentence = end < 0 ? text : text.slice(0, end + 1);
  return sentence.replace(/\*\//g, '* /');
}

function emitShapes(view: ModelView): string {
  const lines = view.reachable.map((id) => `${localName(id)}: ${literal(toShapeDef(view.shapes, id))},`);
  return (
    HEADER(
      'Every shape reachable from the KMS operations, keyed by Smithy shape name (see ../shape-def.ts).',
    ) +
    `import type { ShapeDef } from '../shape-def.ts';\n\n` +
    `export const SHAPES: Readonly<Record<string, ShapeDef>> = {\n${lines.join('\n')}\n};\n`
  );
}

function tsType(shapes: Record<string, SmithyShape>, id: string): string {
  const shape = shapeOf(shapes, id);
  switch (shape.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'long':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'blob':
      return 'Uint8Array';
    case 'timestamp':
      return 'Date';
    case 'enum':
    case 'structure':
      return localName(id);
    case 'list': {
      const element = tsType(shapes, shape.member!.target);
      return `readonly ${element.startsWith('readonly ') ? `(${element})` : element}[]`;
    }
    case 'map':
      return `Readonly<Record<${tsType(shapes, shape.key!.target)}, ${tsType(shapes, shape.value!.target)}>>`;
    default:
      throw new Error(`${id}: no TypeScript type for ${shape.type}`);
  }
}

function emitTypes(view: ModelView): string {
  const out: string[] = [
    HEADER('TypeScript types of the KMS API: enums as string-literal unions, structures as interfaces.'),
    '/** Input or output of an operation that has none (Smithy `smithy.api#Unit`). */\n',
    'export type Unit = Record<string, never>;\n\n',
  ];
  for (const id of view.reachable) {
    const shape = shapeOf(view.shapes, id);
    if (shape.type !== 'enum') continue;
    const name = localName(id);
    const def = toShapeDef(view.shapes, id) as { values: readonly string[] };
    out.push(`export type ${name} = ${def.values.map((v) => JSON.stringify(v)).join(' | ')};\n`);
    out.push(`export const ${constantName(name)}: readonly ${name}[] = ${literal(def.values)};\n\n`);
  }
  for (const id of view.reachable) {
    const shape = shapeOf(view.shapes, id);
    if (shape.type !== 'structure') continue;
    const doc = summary(shape.traits?.['smithy.api#documentation']);
    if (doc) out.push(`/** ${doc} */\n`);
    if (Object.keys(shape.members ?? {}).length === 0) {
      out.push(`export type ${localName(id)} = Record<string, never>;\n\n`);
      continue;
    }
    out.push(`export interface ${localName(id)} {\n`);
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const traits = member.traits ?? {};
      if ('smithy.api#deprecated' in traits) out.push('/** @deprecated */\n');
      const optional = 'smithy.api#required' in traits ? '' : '?';
      out.push(`${propertyKey(name)}${optional}: ${tsType(view.shapes, member.target)};\n`);
    }
    out.push('}\n\n');
  }
  return out.join('');
}

function emitOperations(view: ModelView): string {
  const typeName = (id: string) => (id === 'Unit' ? 'Unit' : localName(id));
  const imported = new Set(view.operations.flatMap((op) => [typeName(op.input), typeName(op.output)]));
  const table = view.operations.map(
    (op) =>
      `${op.name}: { input: ${literal(typeName(op.input))}, output: ${literal(typeName(op.output))}, errors: ${literal(op.errors.map(localName))} },`,
  );
  const methods = view.operations.map((op) => {
    const doc = summary(
      shapeOf(view.shapes, `com.amazonaws.kms#${op.name}`).traits?.['smithy.api#documentation'],
    );
    return (
      `/** ${doc ? `${doc} ` : ''}${DOCS_URL}/API_${op.name}.html */\n` +
      `${op.name}(input: ${typeName(op.input)}, ctx: RequestContext): Promise<${typeName(op.output)}>;`
    );
  });
  return (
    HEADER(
      'The KMS operations: their shapes and modelled errors, and the interface a KMS implementation provides.',
    ) +
    `import type { OperationDef } from '../shape-def.ts';\n` +
    `import type { RequestContext } from '../request-context.ts';\n` +
    `import type { ${[...imported].sort(compare).join(', ')} } from './types.ts';\n\n` +
    `export const OPERATIONS = {\n${table.join('\n')}\n} as const satisfies Readonly<Record<string, OperationDef>>;\n\n` +
    `export type OperationName = keyof typeof OPERATIONS;\n\n` +
    `/** All ${view.operations.length} operation names, sorted. */\n` +
    `export const OPERATION_NAMES: readonly OperationName[] = ${literal(view.operations.map((op) => op.name))};\n\n` +
    `export function isOperationName(name: string): name is OperationName {\n` +
    `return Object.hasOwn(OPERATIONS, name);\n}\n\n` +
    `/** One method per KMS operation. Methods throw KmsError subclasses for AWS errors. */\n` +
    `export interface KmsApi {\n${methods.join('\n\n')}\n}\n\n` +
    `export type OperationInput<Op extends OperationName> = Parameters<KmsApi[Op]>[0];\n` +
    `export type OperationOutput<Op extends OperationName> = Awaited<ReturnType<KmsApi[Op]>>;\n`
  );
}

/** The HTTP status AWS actually sends; see the rule at the top of this file. */
export function awsStatus(fault: unknown, modelStatus: number): number {
  return fault === 'client' ? 400 : modelStatus;
}

function emitExceptions(view: ModelView): string {
  const classes = view.errors.map((id) => {
    const shape = shapeOf(view.shapes, id);
    const traits = shape.traits ?? {};
    const fault = traits['smithy.api#error'];
    const modelStatus =
      typeof traits['smithy.api#httpError'] === 'number' ? traits['smithy.api#httpError'] : 400;
    const status = awsStatus(fault, modelStatus);
    const name = localName(id);
    const doc = summary(traits['smithy.api#documentation']);
    const note = status === modelStatus ? '' : ` The model says HTTP ${modelStatus}; AWS sends ${status}.`;
    return (
      `/** ${doc ? `${doc} ` : ''}${fault === 'server' ? 'Server' : 'Client'} fault.${note} */\n` +
      `export class ${name} extends KmsError {\n` +
      `override readonly name = ${literal(name)};\n` +
      `readonly type = ${literal(name)};\n` +
      `readonly status = ${status};\n}\n`
    );
  });
  const names = view.errors.map(localName);
  return (
    HEADER(
      'One class per error in the KMS model, with the HTTP status AWS sends (rule in scripts/codegen.ts).',
    ) +
    `import { KmsError } from '../kms-error.ts';\n\n` +
    classes.join('\n') +
    `\n/** Every modelled KMS exception class by its \`__type\` name. */\n` +
    `export const KMS_EXCEPTIONS = { ${names.join(', ')} } as const;\n\n` +
    `export type KmsExceptionName = keyof typeof KMS_EXCEPTIONS;\n`
  );
}

function emitIndex(): string {
  return (
    HEADER('Re-exports the generated KMS API layer.') +
    `export * from './shapes.ts';\nexport * from './types.ts';\nexport * from './operations.ts';\nexport * from './exceptions.ts';\n`
  );
}

/** Pure: the generated files (paths relative to the repository root) before Prettier formatting. */
export function generate(model: SmithyModel, overlay: SmithyModel): Record<string, string> {
  const view = viewModel(mergeOverlay(model, overlay).model);
  return {
    [`${GENERATED_DIR}/shapes.ts`]: emitShapes(view),
    [`${GENERATED_DIR}/types.ts`]: emitTypes(view),
    [`${GENERATED_DIR}/operations.ts`]: emitOperations(view),
    [`${GENERATED_DIR}/exceptions.ts`]: emitExceptions(view),
    [`${GENERATED_DIR}/index.ts`]: emitIndex(),
  };
}

// ------------------------------------------------------------------------------------------ file system

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function readJson<T>(relativePath: string, root = REPO_ROOT): T {
  return JSON.parse(readFileSync(join(root, relativePath), 'utf8')) as T;
}

export function loadInputs(root = REPO_ROOT): { model: SmithyModel; overlay: SmithyModel } {
  return { model: readJson('model/kms.json', root), overlay: readJson('model/overlay.json', root) };
}

/** Runs every file through Prettier with the repository's .prettierrc.json. */
export async function formatFiles(
  files: Record<string, string>,
  root = REPO_ROOT,
): Promise<Record<string, string>> {
  const options = readJson<prettier.Options>('.prettierrc.json', root);
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    out[path] = await prettier.format(text, { ...options, parser: 'typescript', filepath: join(root, path) });
  }
  return out;
}

/** The formatted files exactly as they must be committed. */
export async function generateFormatted(root = REPO_ROOT): Promise<Record<string, string>> {
  const { model, overlay } = loadInputs(root);
  return formatFiles(generate(model, overlay), root);
}

async function main(): Promise<void> {
  const { model, overlay } = loadInputs();
  const { skipped } = mergeOverlay(model, overlay);
  for (const entry of skipped) {
    console.warn(`overlay entry ${entry} is already in model/kms.json; remove it from model/overlay.json`);
  }
  const files = await generateFormatted();
  const dir = join(REPO_ROOT, GENERATED_DIR);
  for (const name of readdirSync(dir)) {
    if (!(`${GENERATED_DIR}/${name}` in files)) rmSync(join(dir, name));
  }
  for (const [path, text] of Object.entries(files)) writeFileSync(join(REPO_ROOT, path), text);
  console.log(`codegen: wrote ${Object.keys(files).length} files to ${GENERATED_DIR}/`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
