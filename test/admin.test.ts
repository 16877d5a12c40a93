/**
 * The admin API (`emulator.admin`) and seeding: export/import/reset, refusal of bad documents without any change,
 * merge vs replace, the clock, and seeds with fixed ids and material that make ciphertexts portable between
 * emulators. The SDK talks to each emulator in-process (kmsRequestHandler).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { DAY_MS } from '../src/kms/clock.ts';
import { KmsSeedError, type KmsSeed } from '../src/kms/seed.ts';
import { createKmsEmulator, kmsRequestHandler, type KmsEmulator } from '../src/index.ts';
import { startKmsHttpServer } from '../src/msw/http-server.ts';
import { createMemoryStore } from '../src/store/memory-store.ts';
import { StateDocumentError, stringifyState, type StateDocument } from '../src/store/state-document.ts';
import { kmsClient } from './support/kms-fixture.ts';

const text = new TextEncoder();
const clientOf = (emulator: KmsEmulator): KMSClient =>
  kmsClient({ requestHandler: kmsRequestHandler({ emulator }) });

const FIXED_ID = '11111111-2222-4333-8444-555555555555';
const FIXED_MRK = 'mrk-0123456789abcdef0123456789abcdef';
const MATERIAL = Buffer.alloc(32, 7).toString('base64');
const SEED: KmsSeed = {
  keys: [
    { id: FIXED_ID, material: MATERIAL, description: 'seeded', aliases: ['alias/app'], tags: { team: 'a' } },
    { id: FIXED_MRK, material: Buffer.alloc(32, 9).toString('base64') },
    { spec: 'HMAC_256', usage: 'GENERATE_VERIFY_MAC' },
  ],
};

async function encrypt(client: KMSClient, keyId: string, plaintext: string) {
  return (await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: text.encode(plaintext) })))
    .CiphertextBlob!;
}

async function decrypt(client: KMSClient, blob: Uint8Array) {
  return new TextDecoder().decode(
    (await client.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext,
  );
}

test('export, reset, import: an old ciphertext decrypts again, and the clock offset comes back', async () => {
  const emulator = createKmsEmulator({ store: 'memory' });
  const client = clientOf(emulator);
  const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const blob = await encrypt(client, keyId, 'keep me');
  await emulator.admin.clock.advance(DAY_MS);
  const exported = await emulator.admin.exportState();
  expect(exported).toMatchObject({ format: 'kmsw-state', version: 1, clockOffsetMs: DAY_MS });

  await emulator.admin.reset();
  expect(emulator.admin.clock.offsetMs()).toBe(0);
  expect((await client.send(new ListKeysCommand({}))).Keys).toEqual([]);
  await expect(client.send(new DecryptCommand({ CiphertextBlob: blob }))).rejects.toThrow(/does not exist/);

  await emulator.admin.importState(exported, { mode: 'replace' });
  expect(await decrypt(client, blob)).toBe('keep me');
  expect(emulator.admin.clock.offsetMs()).toBe(DAY_MS);
  expect(await emulator.admin.scopes()).toEqual([{ account: '000000000000', region: 'us-east-1' }]);

  // JSON text round-trips too (bytes as {"$bytes"}).
  const json = await emulator.admin.exportJson();
  await emulator.admin.reset();
  await emulator.admin.importState(json, { mode: 'replace' });
  expect(await decrypt(client, blob)).toBe('keep me');
  await emulator.close();
});

test('bad, foreign and newer documents are refused with a clear error and change nothing', async () => {
  const emulator = createKmsEmulator({ store: 'memory' });
  const client = clientOf(emulator);
  await client.send(new CreateKeyCommand({ Description: 'stays' }));
  await emulator.admin.clock.setOffset(1234);
  const good = await emulator.admin.exportState();
  const before = await (await emulator.store()).snapshot();
  const withKey = (patch: Record<string, unknown>) =>
    ({ ...good, data: { ...good.data, keys: [{ ...good.data.keys[0]!, ...patch }] } }) as StateDocument;
  const refused: [StateDocument | string, RegExp][] = [
    ['{ not json', /invalid JSON/],
    [JSON.stringify({ format: 'something-else', version: 1, data: {} }), /format must be "kmsw-state"/],
    [{ ...good, version: 2 }, /version 2 is newer than this kmsw reads \(up to 1\)/],
    [{ ...good, version: 0 }, /version 0 is not a version kmsw ever wrote/],
    [{ ...good, clockOffsetMs: Number.NaN }, /clockOffsetMs must be a finite number/],
    [{ ...good, data: { keys: [] } } as unknown as StateDocument, /data.keys, data.aliases and data.grants/],
    [
      withKey({ createdAt: 'yesterday' }),
      /data\.keys\[0\] \(keyId "[0-9a-f-]+"\): createdAt must be a finite number/,
    ],
    [withKey({ keySpec: 'AES_512' }), /keySpec must be one of/],
    [withKey({ keyUsage: 'SIGN_VERIFY' }), /keyUsage must be one of ENCRYPT_DECRYPT/],
    [withKey({ keyId: 'not-a-key-id' }), /keyId must be a UUID/],
    [withKey({ materials: [{ id: 'x', createdAt: 1, state: 'CURRENT' }] }), /materials\[0\]\.id must be 64/],
    [
      withKey({ materials: [{ ...good.data.keys[0]!.materials[0]!, secret: 'plain' }] }),
      /secret must be bytes/,
    ],
    [withKey({ rev: -1 }), /rev must be a non-negative integer/],
    [{ ...good, data: { ...good.data, keys: [good.data.keys[0]!, good.data.keys[0]!] } }, /appears twice/],
    [stringifyState(good).replace(/"\$bytes":"[^"]+"/, '"$bytes":"***"'), /bad base64/],
  ];
  for (const [doc, message] of refused) {
    for (const mode of ['replace', 'merge'] as const) {
      const error = await emulator.admin.importState(doc, { mode }).catch((e: unknown) => e);
      expect(error, `${String(message)} (${mode})`).toBeInstanceOf(StateDocumentError);
      expect((error as Error).message).toMatch(message);
    }
  }
  expect(await (await emulator.store()).snapshot()).toEqual(before);
  expect(emulator.admin.clock.offsetMs()).toBe(1234);
  await expect(emulator.admin.importState(good, { mode: 'upsert' as 'merge' })).rejects.toThrow(
    /"replace" or "merge"/,
  );
  await emulator.close();
});

test('merge keeps other records and lets the document win by id; replace keeps only the document', async () => {
  const source = createKmsEmulator({ store: 'memory' });
  const sourceClient = clientOf(source);
  const shared = (await sourceClient.send(new CreateKeyCommand({ Description: 'from document' })))
    .KeyMetadata!.KeyId!;
  const onlyInDoc = (await sourceClient.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const doc = await source.admin.exportState();

  const target = async () => {
    const emulator = createKmsEmulator({ store: 'memory' });
    const client = clientOf(emulator);
    // The same key id as the document's `shared` key, with another description.
    const store = await emulator.store();
    const sharedRecord = { ...doc.data.keys.find((k) => k.keyId === shared)!, description: 'local' };
    await store.commit([
      {
        op: 'put',
        table: 'keys',
        scope: { account: '000000000000', region: 'us-east-1' },
        id: shared,
        value: sharedRecord,
      },
    ]);
    const local = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    return { emulator, client, local };
  };
  const ids = async (client: KMSClient) =>
    ((await client.send(new ListKeysCommand({}))).Keys ?? []).map((k) => k.KeyId).sort();
  const description = async (client: KMSClient, keyId: string) =>
    (await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.Description;

  const merged = await target();
  await merged.emulator.admin.clock.setOffset(99);
  await merged.emulator.admin.importState(doc, { mode: 'merge' });
  expect(await ids(merged.client)).toEqual([shared, onlyInDoc, merged.local].sort());
  expect(await description(merged.client, shared)).toBe('from document');
  expect(merged.emulator.admin.clock.offsetMs()).toBe(99);

  const replaced = await target();
  await replaced.emulator.admin.importState(doc, { mode: 'replace' });
  expect(await ids(replaced.client)).toEqual([shared, onlyInDoc].sort());
  expect(await description(replaced.client, shared)).toBe('from document');
  await Promise.all([source.close(), merged.emulator.close(), replaced.emulator.close()]);
});

test('advancing the clock past a deletion date makes the key disappear', async () => {
  const emulator = createKmsEmulator({ store: 'memory' });
  const client = clientOf(emulator);
  const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const { DeletionDate } = await client.send(
    new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }),
  );
  expect(DeletionDate!.getTime()).toBeGreaterThan(emulator.admin.clock.now());
  await emulator.admin.clock.advance(6 * DAY_MS);
  expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe(
    'PendingDeletion',
  );
  await emulator.admin.clock.advance(DAY_MS + 1000);
  await expect(client.send(new DescribeKeyCommand({ KeyId: keyId }))).rejects.toThrow(/does not exist/);
  expect((await client.send(new ListKeysCommand({}))).Keys).toEqual([]);
  await expect(emulator.admin.clock.advance(-1)).rejects.toThrow(RangeError);
  await emulator.close();
});

test('a seed with fixed ids and material makes ciphertexts that a second, fresh emulator decrypts', async () => {
  const a = createKmsEmulator({ store: 'memory', seed: SEED });
  const b = createKmsEmulator({ store: 'memory', seed: JSON.stringify(SEED) });
  const [clientA, clientB] = [clientOf(a), clientOf(b)];
  const blob = await encrypt(clientA, FIXED_ID, 'portable');
  const viaAlias = await encrypt(clientA, 'alias/app', 'by alias');
  const multiRegion = await encrypt(clientA, FIXED_MRK, 'multi-Region');
  expect(await decrypt(clientB, blob)).toBe('portable');
  expect(await decrypt(clientB, viaAlias)).toBe('by alias');
  expect(await decrypt(clientB, multiRegion)).toBe('multi-Region');

  const seeded = (await clientA.send(new DescribeKeyCommand({ KeyId: FIXED_ID }))).KeyMetadata!;
  const created = (await clientA.send(new CreateKeyCommand({ Description: 'seeded' }))).KeyMetadata!;
  // Indistinguishable from a created key but for the id, dates and material id.
  const comparable = (m: typeof seeded) => ({
    ...m,
    KeyId: undefined,
    Arn: undefined,
    CreationDate: undefined,
    CurrentKeyMaterialId: undefined,
  });
  expect(comparable(seeded)).toEqual(comparable(created));
  expect(seeded.CurrentKeyMaterialId).toBe(
    (await clientB.send(new DescribeKeyCommand({ KeyId: FIXED_ID }))).KeyMetadata!.CurrentKeyMaterialId,
  );
  const mrk = (await clientA.send(new DescribeKeyCommand({ KeyId: FIXED_MRK }))).KeyMetadata!;
  expect(mrk).toMatchObject({
    MultiRegion: true,
    MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY' },
  });
  expect((await clientA.send(new ListKeysCommand({}))).Keys!.length).toBe(4);
  const aliases = (await clientA.send(new ListAliasesCommand({}))).Aliases!.filter((x) => x.TargetKeyId);
  expect(aliases.map((x) => [x.AliasName, x.TargetKeyId])).toEqual([['alias/app', FIXED_ID]]);

  // reset() goes back to the seed, not to an empty store.
  await a.admin.reset();
  expect((await clientA.send(new ListKeysCommand({}))).Keys!.length).toBe(3);
  expect(await decrypt(clientA, blob)).toBe('portable');
  await Promise.all([a.close(), b.close()]);
});

test('seeding keeps records that already exist, and a state document seeds its records', async () => {
  const store = createMemoryStore();
  const first = createKmsEmulator({ store, seed: SEED });
  const client = clientOf(first);
  await first.ready();
  const { UpdateKeyDescriptionCommand } = await import('@aws-sdk/client-kms');
  await client.send(new UpdateKeyDescriptionCommand({ KeyId: FIXED_ID, Description: 'changed since' }));
  const exported = await first.admin.exportState();

  const again = createKmsEmulator({ store, seed: SEED });
  await again.ready();
  expect(
    (await clientOf(again).send(new DescribeKeyCommand({ KeyId: FIXED_ID }))).KeyMetadata!.Description,
  ).toBe('changed since');
  expect((await store.snapshot()).keys).toHaveLength(3);

  const fromDocument = createKmsEmulator({ store: 'memory', seed: exported });
  expect(
    (await clientOf(fromDocument).send(new DescribeKeyCommand({ KeyId: FIXED_ID }))).KeyMetadata!.Description,
  ).toBe('changed since');
  expect(fromDocument.admin.clock.offsetMs()).toBe(0);
  await Promise.all([first.close(), fromDocument.close()]);
});

test('a seed that cannot be used is refused where the emulator is created', () => {
  const bad: [unknown, RegExp][] = [
    ['{', /not valid JSON/],
    [{ key: [] }, /no field "key"/],
    [{ keys: [{ id: 'abc' }] }, /keys\[0\]: id "abc" must be a lower-case UUID/],
    [{ keys: [{ spce: 'RSA_2048' }] }, /unknown field "spce"/],
    [{ keys: [{ spec: 'RSA_2048' }] }, /You must specify a KeyUsage value/],
    [{ keys: [{ spec: 'AES_128' }] }, /spec AES_128 is not a KMS KeySpec/],
    [{ keys: [{ material: Buffer.alloc(16).toString('base64') }] }, /must be 32 bytes, got 16/],
    [{ keys: [{ spec: 'HMAC_512', usage: 'GENERATE_VERIFY_MAC', material: 'AAAA' }] }, /64 to 128 bytes/],
    [{ keys: [{ material: 'not base64!' }] }, /material is not base64/],
    [{ keys: [{ aliases: ['app'] }] }, /alias app: Alias must start with the prefix "alias\/"/],
    [{ keys: [{ aliases: ['alias/x'] }, { aliases: ['alias/x'] }] }, /alias alias\/x is seeded twice/],
    [{ keys: [{ id: FIXED_ID }, { id: FIXED_ID }] }, /seeded twice/],
    [{ keys: [{ tags: { 'aws:x': 'y' } }] }, /reserved/],
    [{ format: 'kmsw-state', version: 9, data: {} }, /state document kmsw cannot use: .*version 9 is newer/],
  ];
  for (const [seed, message] of bad) {
    expect(() => createKmsEmulator({ store: 'memory', seed: seed as KmsSeed })).toThrow(KmsSeedError);
    expect(() => createKmsEmulator({ store: 'memory', seed: seed as KmsSeed })).toThrow(message);
  }
});

test('kmsw serve --state keeps the clock offset in FILE when the admin API moves the clock', async () => {
  const stateFile = join(mkdtempSync(join(tmpdir(), 'kmsw-admin-')), 'state.json');
  const first = await startKmsHttpServer({ port: 0, stateFile, seed: SEED });
  await first.emulator.admin.clock.advance(3 * DAY_MS);
  expect(JSON.parse(readFileSync(stateFile, 'utf8')).clockOffsetMs).toBe(3 * DAY_MS);
  await first.close();
  const second = await startKmsHttpServer({ port: 0, stateFile });
  try {
    expect(second.emulator.admin.clock.offsetMs()).toBe(3 * DAY_MS);
    const client = kmsClient({ endpoint: second.url });
    expect((await client.send(new DescribeKeyCommand({ KeyId: 'alias/app' }))).KeyMetadata!.KeyId).toBe(
      FIXED_ID,
    );
  } finally {
    await second.close();
  }
});

test('fixed HMAC and asymmetric material: the same MACs in two emulators, the public key of the given private key', async () => {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const seed: KmsSeed = {
    keys: [
      {
        id: FIXED_ID,
        spec: 'HMAC_256',
        usage: 'GENERATE_VERIFY_MAC',
        material: Buffer.alloc(40, 3).toString('base64'),
      },
      { spec: 'ECC_NIST_P256', usage: 'SIGN_VERIFY', material: Buffer.from(pkcs8).toString('base64') },
    ],
  };
  const [a, b] = [createKmsEmulator({ store: 'memory', seed }), createKmsEmulator({ store: 'memory', seed })];
  const mac = async (emulator: KmsEmulator) =>
    (
      await clientOf(emulator).send(
        new GenerateMacCommand({ KeyId: FIXED_ID, Message: text.encode('m'), MacAlgorithm: 'HMAC_SHA_256' }),
      )
    ).Mac;
  expect(await mac(a)).toEqual(await mac(b));
  const signer = (await a.store()).snapshot().then((s) => s.keys.find((k) => k.keySpec === 'ECC_NIST_P256')!);
  const { PublicKey } = await clientOf(a).send(new GetPublicKeyCommand({ KeyId: (await signer).keyId }));
  expect(new Uint8Array(PublicKey!)).toEqual(spki);
  const wrongCurve = createKmsEmulator({
    store: 'memory',
    seed: {
      keys: [
        { spec: 'ECC_NIST_P384', usage: 'SIGN_VERIFY', material: Buffer.from(pkcs8).toString('base64') },
      ],
    },
  });
  await expect(wrongCurve.ready()).rejects.toThrow(/material is not a PKCS#8 ECC_NIST_P384 private key/);
  await Promise.all([a.close(), b.close(), wrongCurve.close()]);
});

test('kmsw serve --seed FILE answers with the seeded keys; a bad seed stops it with status 2 and the reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kmsw-seed-'));
  writeFileSync(join(dir, 'seed.json'), JSON.stringify(SEED));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ keys: [{ spec: 'RSA_2048' }] }));
  const start = (seedFile: string) => {
    const child = spawn(process.execPath, ['bin/kmsw.js', 'serve', '--port', '0', '--seed', seedFile]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const url = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      void exited.then(() => reject(new Error(out)));
    });
    return { child, url, exited, output: () => out };
  };
  const good = start(join(dir, 'seed.json'));
  try {
    const client = kmsClient({ endpoint: await good.url });
    expect((await client.send(new DescribeKeyCommand({ KeyId: 'alias/app' }))).KeyMetadata!.KeyId).toBe(
      FIXED_ID,
    );
  } finally {
    good.child.kill('SIGTERM');
  }
  const bad = start(join(dir, 'bad.json'));
  bad.url.catch(() => undefined);
  expect(await bad.exited).toBe(2);
  expect(bad.output()).toMatch(/--seed .*bad\.json: seed keys\[0\]: You must specify a KeyUsage value/);
});

test('admin.subscribe reports committed key changes, from requests and from reset, until unsubscribed', async () => {
  const emulator = createKmsEmulator({ store: 'memory' });
  const client = clientOf(emulator);
  const seen: string[][] = [];
  const unsubscribe = emulator.admin.subscribe((change) => seen.push([...change.tables]));
  await client.send(new CreateKeyCommand({}));
  expect(seen.some((tables) => tables.includes('keys'))).toBe(true);
  const before = seen.length;
  await client.send(new ListKeysCommand({}));
  expect(seen.length).toBe(before);
  await emulator.admin.reset();
  expect(seen.length).toBeGreaterThan(before);
  unsubscribe();
  const after = seen.length;
  await client.send(new CreateKeyCommand({}));
  expect(seen.length).toBe(after);
  await emulator.close();
});

test('admin.seed adds keys to a running emulator, keeps existing records, and refuses a bad seed without writing', async () => {
  const handler = kmsRequestHandler();
  const client = kmsClient({ requestHandler: handler });
  const { admin } = handler.emulator;
  const id = '22222222-3333-4444-8555-666666666666';
  await admin.seed({ keys: [{ id, aliases: ['alias/late'], description: 'first' }] });
  expect((await client.send(new DescribeKeyCommand({ KeyId: 'alias/late' }))).KeyMetadata!.KeyId).toBe(id);
  await admin.seed({ keys: [{ id, description: 'second' }] });
  expect((await client.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!.Description).toBe('first');
  await expect(admin.seed({ keys: [{ id: 'not-a-key-id' }] })).rejects.toThrow(KmsSeedError);
  expect((await client.send(new ListKeysCommand({}))).Keys).toHaveLength(1);
  await admin.reset();
  expect((await client.send(new ListKeysCommand({}))).Keys).toHaveLength(0);
});
