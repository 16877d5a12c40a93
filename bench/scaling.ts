/**
 * The size-scaling part of `npm run bench`: each call on a store of 1,000 and of 10,000 keys (one alias per key,
 * 1,000 grants on the probe key) against the same call on an "empty" store — the least that gives the List* calls
 * two full pages of 20 (41 keys, 41 aliases, 41 grants). For the memory store (in-process), the file store (`kmsw
 * serve --state FILE`, over loopback) and the IndexedDB store (fake-indexeddb in Node, in-process). The three sizes
 * of one store are measured in interleaved rounds; the target is every call within 1.2× of empty.
 *
 * Writes (CreateKey, CreateAlias, CreateGrant) run last, so the reads see the sizes as built; the stores grow by
 * what the write rounds add (a few hundred records), the same for every size.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  KMSClient,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import { createKmsEmulator, kmsRequestHandler, type KmsEmulator } from '../src/index.ts';
import { startKmsHttpServer } from '../src/msw/http-server.ts';
import { stringifyState, type StateDocument } from '../src/store/state-document.ts';
import { interleaved, printTable, type BenchOptions } from './measure.ts';
import type { Call } from './operations.ts';

const credentials = { accessKeyId: 'AKIAKMSWEXAMPLE', secretAccessKey: 'kmsw' };
const SIZES = [
  { label: 'empty', keys: 41, grants: 41 },
  { label: '1,000 keys', keys: 1000, grants: 1000 },
  { label: '10,000 keys', keys: 10000, grants: 1000 },
] as const;
const GRANTEE = 'arn:aws:iam::000000000000:role/bench';
const PLAINTEXT = new Uint8Array(1024).fill(7);

const inProcessClient = (emulator: KmsEmulator) =>
  new KMSClient({ region: 'us-east-1', credentials, requestHandler: kmsRequestHandler({ emulator }) });

/** A state document with `keys` keys (the probe key first), one alias each and `grants` grants on the probe key. */
async function buildState(keys: number, grants: number): Promise<{ doc: StateDocument; probe: string }> {
  const emulator = createKmsEmulator({ store: 'memory', requestLog: false });
  const client = inProcessClient(emulator);
  const probe = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await client.send(new CreateAliasCommand({ AliasName: 'alias/probe', TargetKeyId: probe }));
  for (let i = 1; i < keys; i++) {
    const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await client.send(new CreateAliasCommand({ AliasName: `alias/k${i}`, TargetKeyId: keyId }));
  }
  for (let i = 0; i < grants; i++) {
    await client.send(
      new CreateGrantCommand({ KeyId: probe, GranteePrincipal: GRANTEE, Operations: ['Encrypt'] }),
    );
  }
  const doc = await emulator.admin.exportState();
  await emulator.close();
  return { doc, probe };
}

interface Target {
  client: KMSClient;
  probe: string;
  /**
   * Finishes what its last calls left pending (the request log's batched IndexedDB writes), so that work is not
   * measured in the next contender's round.
   */
  settle(): Promise<unknown>;
  close(): Promise<void>;
}

type StoreKind = 'memory' | 'file' | 'indexeddb';

let databases = 0;
async function openTarget(kind: StoreKind, state: { doc: StateDocument; probe: string }): Promise<Target> {
  if (kind === 'file') {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'kmsw-bench-')), 'state.json');
    writeFileSync(stateFile, stringifyState(state.doc));
    const served = await startKmsHttpServer({ port: 0, stateFile });
    return {
      client: new KMSClient({ region: 'us-east-1', credentials, endpoint: served.url }),
      probe: state.probe,
      settle: () => served.emulator.admin.requests(),
      close: () => served.close(),
    };
  }
  const emulator = createKmsEmulator(
    kind === 'memory'
      ? { store: 'memory' }
      : { store: 'indexeddb', databaseName: `kmsw-bench-${++databases}` },
  );
  await emulator.admin.importState(state.doc);
  return {
    client: inProcessClient(emulator),
    probe: state.probe,
    settle: () => emulator.admin.requests(),
    close: () => emulator.close(),
  };
}

/** The calls of the scaling table, given a store's client; each returns a command to send. */
async function callsOn(target: Target): Promise<Record<string, Call>> {
  const { client, probe } = target;
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: probe, Plaintext: PLAINTEXT }));
  const keys = await client.send(new ListKeysCommand({ Limit: 20 }));
  const aliases = await client.send(new ListAliasesCommand({ Limit: 20 }));
  const grants = await client.send(new ListGrantsCommand({ KeyId: probe, Limit: 20 }));
  let n = 0;
  const unique = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  return {
    'Encrypt (key id)': (c) => c.send(new EncryptCommand({ KeyId: probe, Plaintext: PLAINTEXT })),
    'Encrypt (alias)': (c) => c.send(new EncryptCommand({ KeyId: 'alias/probe', Plaintext: PLAINTEXT })),
    Decrypt: (c) => c.send(new DecryptCommand({ CiphertextBlob })),
    DescribeKey: (c) => c.send(new DescribeKeyCommand({ KeyId: probe })),
    'ListKeys (first page of 20)': (c) => c.send(new ListKeysCommand({ Limit: 20 })),
    'ListKeys (later page)': (c) => c.send(new ListKeysCommand({ Limit: 20, Marker: keys.NextMarker })),
    'ListAliases (first page of 20)': (c) => c.send(new ListAliasesCommand({ Limit: 20 })),
    'ListAliases (later page)': (c) =>
      c.send(new ListAliasesCommand({ Limit: 20, Marker: aliases.NextMarker })),
    'ListGrants (first page of 20)': (c) => c.send(new ListGrantsCommand({ KeyId: probe, Limit: 20 })),
    'ListGrants (later page)': (c) =>
      c.send(new ListGrantsCommand({ KeyId: probe, Limit: 20, Marker: grants.NextMarker })),
    CreateKey: (c) => c.send(new CreateKeyCommand({})),
    CreateAlias: (c) =>
      c.send(new CreateAliasCommand({ AliasName: `alias/new-${unique}-${n++}`, TargetKeyId: probe })),
    CreateGrant: (c) =>
      c.send(new CreateGrantCommand({ KeyId: probe, GranteePrincipal: GRANTEE, Operations: ['Decrypt'] })),
  };
}

export interface ScalingRow {
  call: string;
  ms: Record<string, number>;
  worstRatio: number;
}

export async function benchScaling(options: BenchOptions): Promise<Record<StoreKind, ScalingRow[]>> {
  const states: { doc: StateDocument; probe: string }[] = [];
  for (const size of SIZES) states.push(await buildState(size.keys, size.grants));
  const out = {} as Record<StoreKind, ScalingRow[]>;
  const stores: [StoreKind, string][] = [
    ['memory', 'memory store, in-process'],
    ['file', 'file store, kmsw serve --state FILE over loopback'],
    ['indexeddb', 'IndexedDB store (fake-indexeddb), in-process'],
  ];
  for (const [kind, title] of stores) {
    const targets: Target[] = [];
    for (const state of states) targets.push(await openTarget(kind, state));
    const calls = await Promise.all(targets.map(callsOn));
    const rows: ScalingRow[] = [];
    for (const call of Object.keys(calls[0]!)) {
      const contenders = Object.fromEntries(
        SIZES.map((size, i) => [
          size.label,
          {
            fn: () => calls[i]![call]!(targets[i]!.client),
            before: () => Promise.all(targets.map((target) => target.settle())),
          },
        ]),
      );
      const t = await interleaved(contenders, options);
      const ratios = SIZES.slice(1).map((size) => t.ratio(size.label, SIZES[0].label));
      rows.push({ call, ms: t.ms, worstRatio: Math.max(...ratios) });
    }
    for (const target of targets) await target.close();
    printTable(
      `size scaling: ${title}  (CPU ms per call; ratio = slowest size / empty, target ≤ 1.2)`,
      ['call', ...SIZES.map((s) => s.label), 'ratio'],
      rows.map((r) => [r.call, ...SIZES.map((s) => r.ms[s.label]), r.worstRatio]),
    );
    out[kind] = rows;
  }
  return out;
}
