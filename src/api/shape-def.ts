// Types of the generated shape and operation tables (generated/shapes.ts, generated/operations.ts): a compact
// description of the KMS Smithy model that the protocol layer walks to decode, validate and encode requests
// and responses. Shape names are the Smithy shape names without the `com.amazonaws.kms#` namespace.

/** An inclusive bound pair from a Smithy `length` or `range` trait; a missing side is unbounded. */
export interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

export interface MemberDef {
  /** Name of the target shape in SHAPES. */
  readonly target: string;
  readonly required?: true;
  /** The JSON key, when it differs from the member name (Smithy `jsonName`). */
  readonly jsonName?: string;
  /** The target shape is `sensitive`: AWS leaves the value out of validation messages. */
  readonly sensitive?: true;
  /** The Smithy `default` value of the member (only scalars occur in KMS). */
  readonly default?: boolean | number | string;
  readonly deprecated?: true;
}

export interface StructureDef {
  readonly type: 'structure';
  /** Members in model order. */
  readonly members: Readonly<Record<string, MemberDef>>;
}

export interface StringDef {
  readonly type: 'string';
  /** Length in characters (Unicode code points). */
  readonly length?: Bounds;
  /** ECMAScript regular expression; it is not implicitly anchored. */
  readonly pattern?: string;
  readonly sensitive?: true;
}

export interface EnumDef {
  readonly type: 'enum';
  /** Allowed values in model order. */
  readonly values: readonly string[];
}

export interface NumberDef {
  readonly type: 'integer' | 'long';
  readonly range?: Bounds;
}

export interface BlobDef {
  readonly type: 'blob';
  /** Length in bytes. */
  readonly length?: Bounds;
  readonly sensitive?: true;
}

export interface ListDef {
  readonly type: 'list';
  readonly member: string;
  /** Number of entries. */
  readonly length?: Bounds;
}

export interface MapDef {
  readonly type: 'map';
  readonly key: string;
  readonly value: string;
  /** Number of entries. */
  readonly length?: Bounds;
}

export interface TimestampDef {
  readonly type: 'timestamp';
}

export interface BooleanDef {
  readonly type: 'boolean';
}

export type ShapeDef =
  StructureDef | StringDef | EnumDef | NumberDef | BlobDef | ListDef | MapDef | TimestampDef | BooleanDef;

/** Shape name of an operation without input or output (Smithy `smithy.api#Unit`); it is not in SHAPES. */
export const UNIT = 'Unit';

export interface OperationDef {
  /** Input structure name in SHAPES, or `Unit`. */
  readonly input: string;
  /** Output structure name in SHAPES, or `Unit`. */
  readonly output: string;
  /** Names of the modelled errors the operation may return (classes in generated/exceptions.ts). */
  readonly errors: readonly string[];
}
