// Tests for scripts/codegen.ts. The first test is the staleness check: the committed src/api/generated/ must
// be exactly what `npm run codegen` produces from model/kms.json and model/overlay.json.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { KMS_EXCEPTIONS } from '../src/api/generated/exceptions.ts';
import { OPERATIONS, OPERATION_NAMES, isOperationName } from '../src/api/generated/operations.ts';
import { SHAPES } from '../src/api/generated/shapes.ts';
import { KEY_SPEC_VALUES } from '../src/api/generated/types.ts';
import { KmsError } from '../src/api/kms-error.ts';
import {
  GENERATED_DIR,
  REPO_ROOT,
  awsStatus,
  generate,
  generateFormatted,
  loadInputs,
  mergeOverlay,
  type SmithyModel,
} from './codegen.ts';

test('the committed generated files are exactly what codegen produces', async () => {
  const expected = await generateFormatted();
  const dir = join(REPO_ROOT, GENERATED_DIR);
  const committed = readdirSync(dir).map((name) => `${GENERATED_DIR}/${name}`);
  expect(committed.sort()).toEqual(Object.keys(expected).sort());
  for (const [path, text] of Object.entries(expected)) {
    expect(readFileSync(join(REPO_ROOT, path), 'utf8'), `${path} is stale: run npm run codegen`).toBe(text);
  }
});

test('generate is pure: same output twice, inputs untouched', () => {
  const { model, overlay } = loadInputs();
  const before = JSON.stringify(model).length;
  const first = generate(model, overlay);
  expect(generate(model, overlay)).toEqual(first);
  expect(JSON.stringify(model).length).toBe(before);
  expect(model.shapes['com.amazonaws.kms#Encapsulate']).toBeUndefined();
});

test('the published model has 54 operations and the overlay adds Encapsulate and Decapsulate', () => {
  const { model } = loadInputs();
  expect(model.shapes['com.amazonaws.kms#TrentService']?.operations).toHaveLength(54);
  expect(OPERATION_NAMES).toHaveLength(56);
  expect(Object.keys(OPERATIONS)).toHaveLength(56);
  expect(OPERATION_NAMES).toEqual([...OPERATION_NAMES].sort());
  expect(OPERATION_NAMES).toEqual(
    expect.arrayContaining(['Encapsulate', 'Decapsulate', 'Encrypt', 'GetKeyLastUsage']),
  );
  expect(isOperationName('Encapsulate')).toBe(true);
  expect(isOperationName('toString')).toBe(false);
});

test('the overlay operations have their SDK shapes and errors', () => {
  expect(OPERATIONS.Encapsulate).toEqual({
    input: 'EncapsulateRequest',
    output: 'EncapsulateResponse',
    errors: [
      'DependencyTimeoutException',
      'DisabledException',
      'DryRunOperationException',
      'InvalidGrantTokenException',
      'InvalidKeyUsageException',
      'KeyUnavailableException',
      'KMSInternalException',
      'KMSInvalidStateException',
      'NotFoundException',
    ],
  });
  expect(OPERATIONS.Decapsulate.errors).toContain('InvalidCiphertextException');
  expect(SHAPES.EncapsulateRequest).toEqual({
    type: 'structure',
    members: {
      KeyId: { target: 'KeyIdType', required: true },
      EncapsulationAlgorithm: { target: 'EncapsulationAlgorithmSpec', required: true },
      GrantTokens: { target: 'GrantTokenList' },
      DryRun: { target: 'NullableBooleanType' },
    },
  });
  expect(SHAPES.DecapsulateRequest).toMatchObject({
    members: { SharedSecretCiphertextBlob: { target: 'CiphertextType', required: true } },
  });
  expect(SHAPES.EncapsulateResponse).toMatchObject({
    members: { SharedSecret: { target: 'PlaintextType', sensitive: true } },
  });
  expect(SHAPES.EncapsulationAlgorithmSpec).toEqual({ type: 'enum', values: ['ML_KEM'] });
});

test('the overlay enum and member additions are present', () => {
  const values = (name: string) => {
    const def = SHAPES[name];
    return def?.type === 'enum' ? def.values : [];
  };
  expect(KEY_SPEC_VALUES.slice(-3)).toEqual(['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024']);
  expect(values('DataKeyPairSpec').slice(-3)).toEqual(['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024']);
  expect(values('KeyUsageType')).toContain('ENCAPSULATE_DECAPSULATE');
  expect(values('GrantOperation').slice(-2)).toEqual(['Encapsulate', 'Decapsulate']);
  expect(values('KeyLastUsageTrackingOperation').slice(-2)).toEqual(['Encapsulate', 'Decapsulate']);
  for (const structure of ['KeyMetadata', 'GetPublicKeyResponse']) {
    expect(SHAPES[structure]).toMatchObject({
      members: { EncapsulationAlgorithms: { target: 'EncapsulationAlgorithmSpecList' } },
    });
  }
});

test('every overlay entry is new to the published model', () => {
  const { model, overlay } = loadInputs();
  const { added, skipped } = mergeOverlay(model, overlay);
  expect(skipped).toEqual([]);
  expect(added).toEqual(
    expect.arrayContaining([
      'com.amazonaws.kms#TrentService$Encapsulate',
      'com.amazonaws.kms#EncapsulateRequest',
      'com.amazonaws.kms#KeySpec$ML_KEM_1024',
      'com.amazonaws.kms#KeyMetadata$EncapsulationAlgorithms',
    ]),
  );
});

test('overlay entries a newer model already has are skipped, so the model wins', () => {
  const { model, overlay } = loadInputs();
  const merged = mergeOverlay(model, overlay).model;
  const again = mergeOverlay(merged, overlay);
  expect(again.added).toEqual([]);
  expect(again.skipped).toContain('com.amazonaws.kms#KeySpec$ML_KEM_512');
  expect(again.model).toEqual(merged);
});

test('an overlay shape the model already defines is skipped whole; extensions must keep the type', () => {
  const { model } = loadInputs();
  const redefine: SmithyModel = {
    smithy: '2.0',
    shapes: {
      'com.amazonaws.kms#KeyIdType': { type: 'string', traits: { 'smithy.api#length': { max: 1 } } },
    },
  };
  const { model: merged, skipped } = mergeOverlay(model, redefine);
  expect(skipped).toEqual(['com.amazonaws.kms#KeyIdType']);
  expect(merged.shapes['com.amazonaws.kms#KeyIdType']).toEqual(model.shapes['com.amazonaws.kms#KeyIdType']);
  const retype: SmithyModel = {
    smithy: '2.0',
    shapes: { 'com.amazonaws.kms#KeySpec': { type: 'structure', members: {} } },
  };
  expect(() => mergeOverlay(model, retype)).toThrow(/is a structure in the overlay but a enum in the model/);
});

test('unsupported traits stop the generator', () => {
  const { model, overlay } = loadInputs();
  const changed = structuredClone(model);
  changed.shapes['com.amazonaws.kms#GrantTokenList']!.traits = { 'smithy.api#uniqueItems': {} };
  expect(() => generate(changed, overlay)).toThrow(/smithy.api#uniqueItems is not supported/);
});

test('exceptions: 48 classes, client faults sent as 400, server faults keep the model status', () => {
  expect(Object.keys(KMS_EXCEPTIONS)).toHaveLength(48);
  const status = (name: keyof typeof KMS_EXCEPTIONS) => new KMS_EXCEPTIONS[name]().status;
  expect(status('NotFoundException')).toBe(400);
  expect(status('KMSInvalidStateException')).toBe(400);
  expect(status('DisabledException')).toBe(400);
  expect(status('DryRunOperationException')).toBe(400);
  expect(status('AlreadyExistsException')).toBe(400);
  expect(status('KMSInternalException')).toBe(500);
  expect(status('KeyUnavailableException')).toBe(500);
  expect(status('DependencyTimeoutException')).toBe(503);
  expect(awsStatus('client', 412)).toBe(400);
  expect(awsStatus('server', 503)).toBe(503);
});

test('exception instances carry their AWS type, name and possibly empty message', () => {
  const error = new KMS_EXCEPTIONS.InvalidCiphertextException();
  expect(error).toBeInstanceOf(KmsError);
  expect(error).toBeInstanceOf(Error);
  expect(error.type).toBe('InvalidCiphertextException');
  expect(error.name).toBe('InvalidCiphertextException');
  expect(error.message).toBe('');
  expect(new KMS_EXCEPTIONS.NotFoundException("Invalid keyId 'x'").message).toBe("Invalid keyId 'x'");
  for (const [name, ErrorClass] of Object.entries(KMS_EXCEPTIONS)) expect(new ErrorClass().type).toBe(name);
});
