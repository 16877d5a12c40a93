// The state document's custom key store table: written, read back, absent from older documents, and checked.
import { expect, test } from 'vitest';
import {
  STATE_FORMAT,
  STATE_VERSION,
  parseState,
  stringifyState,
  type StateDocument,
} from './state-document.ts';
import { ACCOUNT_A, REGION_1, makeCustomKeyStoreRecord } from './test-records.ts';

const A1 = { account: ACCOUNT_A, region: REGION_1 };

function documentWith(customKeyStores: unknown[]): StateDocument {
  return {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    clockOffsetMs: 0,
    data: { keys: [], aliases: [], grants: [], customKeyStores } as StateDocument['data'],
  };
}

test('custom key stores round-trip through the JSON document', () => {
  const cloudHsm = makeCustomKeyStoreRecord(A1, 'cks-00000000000000001', {
    type: 'AWS_CLOUDHSM',
    xks: undefined,
    cloudHsm: { clusterId: 'cluster-1a23b4cdefg', trustAnchorCertificate: 'cert', keyStorePassword: 'pw' },
    connectionState: 'FAILED',
    connectionErrorCode: 'INSUFFICIENT_CLOUDHSM_HSMS',
  });
  const xks = makeCustomKeyStoreRecord(A1, 'cks-00000000000000002', {
    connectionState: 'CONNECTING',
    connectingUntil: 1234,
  });
  const doc = documentWith([cloudHsm, xks]);
  expect(parseState(stringifyState(doc)).data.customKeyStores).toEqual([cloudHsm, xks]);
});

test('a document written before custom key stores existed reads as having none', () => {
  const text = JSON.stringify({
    format: STATE_FORMAT,
    version: 1,
    data: { keys: [], aliases: [], grants: [] },
  });
  expect(parseState(text).data.customKeyStores).toEqual([]);
});

test.each([
  [{ customKeyStoreId: 'cks-1' }, /customKeyStoreId must be cks- and 17 lower-case hex digits/],
  [{ connectionState: 'SLEEPING' }, /connectionState must be one of CONNECTED, CONNECTING/],
  [{ connectionErrorCode: 'OOPS' }, /connectionErrorCode must be one of/],
  [{ type: 'AWS_CLOUDHSM' }, /type must match the cloudHsm or xks settings/],
  [{ xks: { connectivity: 'PUBLIC_ENDPOINT', uriEndpoint: 'https://x' } }, /xks.uriPath must be a string/],
])('a malformed custom key store record is refused, named: %j', (override, message) => {
  const record = { ...makeCustomKeyStoreRecord(A1, 'cks-00000000000000001'), ...override };
  expect(() => parseState(stringifyState(documentWith([record])))).toThrow(message);
  expect(() => parseState(stringifyState(documentWith([record])))).toThrow(/data\.customKeyStores\[0\]/);
});
