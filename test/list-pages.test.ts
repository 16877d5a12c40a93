/**
 * List* paging through the real SDK (in-process request handler): the default page size AWS's API reference
 * documents for each listing when Limit is absent (ListKeys 100, ListAliases 50, ListGrants and
 * ListRetirableGrants 50), the documented maxima, full pages when keys past their deletion date sit in the middle of
 * a listing, and the predefined `alias/aws/*` names merged into the alias pages in order.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html
 */
import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  KMSClient,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeysCommand,
  ListRetirableGrantsCommand,
  ScheduleKeyDeletionCommand,
  type AliasListEntry,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { createKmsEmulator, kmsRequestHandler } from '../src/index.ts';
import { PREDEFINED_AWS_ALIASES } from '../src/kms/aws-managed-keys.ts';

const DAY_MS = 86_400_000;
const ROLE = 'arn:aws:iam::000000000000:role/grantee';
const RETIRER = 'arn:aws:iam::000000000000:role/retirer';

function newClient() {
  const emulator = createKmsEmulator({ store: 'memory' });
  const client = new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAKMSWEXAMPLE', secretAccessKey: 'kmsw' },
    requestHandler: kmsRequestHandler({ emulator }),
  });
  return { emulator, client };
}

const createKeys = async (client: KMSClient, n: number) => {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!);
  return ids;
};

test('ListKeys returns 100 keys without Limit, up to 1000 with it, and full pages past purged keys', async () => {
  const { emulator, client } = newClient();
  const ids = (await createKeys(client, 130)).sort();
  const first = await client.send(new ListKeysCommand({}));
  expect(first.Keys!.map((k) => k.KeyId)).toEqual(ids.slice(0, 100));
  expect(first.Truncated).toBe(true);
  const rest = await client.send(new ListKeysCommand({ Marker: first.NextMarker }));
  expect(rest.Keys!.map((k) => k.KeyId)).toEqual(ids.slice(100));
  expect(rest.Truncated).toBe(false);
  expect((await client.send(new ListKeysCommand({ Limit: 1000 }))).Keys).toHaveLength(130);

  // Keys 10..59 reach their deletion date: a page of 20 from key 5 still holds 20 live keys.
  for (const keyId of ids.slice(10, 60)) {
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
  }
  await emulator.admin.clock.advance(8 * DAY_MS);
  const live = [...ids.slice(0, 10), ...ids.slice(60)];
  const seen: string[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new ListKeysCommand({ Limit: 20, Marker: marker }));
    if (page.Truncated) expect(page.Keys).toHaveLength(20);
    seen.push(...page.Keys!.map((k) => k.KeyId!));
    marker = page.NextMarker;
  } while (marker);
  expect(seen).toEqual(live);
});

test('ListAliases returns 50 without Limit, at most 100, with the predefined aliases merged in order', async () => {
  const { client } = newClient();
  const [keyId, other] = await createKeys(client, 2);
  // Names on both sides of alias/aws/*, so pages interleave stored and predefined aliases.
  const names = Array.from(
    { length: 120 },
    (_, i) => `alias/${i % 2 ? 'b' : 'a'}${String(i).padStart(3, '0')}`,
  );
  for (const name of names) {
    await client.send(
      new CreateAliasCommand({ AliasName: name, TargetKeyId: name.endsWith('7') ? other : keyId }),
    );
  }
  const expected = [...names, ...PREDEFINED_AWS_ALIASES].sort();
  const first = await client.send(new ListAliasesCommand({}));
  expect(first.Aliases!.map((a) => a.AliasName)).toEqual(expected.slice(0, 50));
  expect((await client.send(new ListAliasesCommand({ Limit: 1000 }))).Aliases).toHaveLength(100);
  const all: AliasListEntry[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new ListAliasesCommand({ Limit: 17, Marker: marker }));
    all.push(...page.Aliases!);
    marker = page.NextMarker;
  } while (marker);
  expect(all.map((a) => a.AliasName)).toEqual(expected);
  expect(all.find((a) => a.AliasName === 'alias/aws/s3')?.TargetKeyId).toBeUndefined();

  // With KeyId: that key's aliases only, from the alias index, paged the same way.
  const mine = names.filter((n) => !n.endsWith('7')).sort();
  const byKey = await client.send(new ListAliasesCommand({ KeyId: keyId }));
  expect(byKey.Aliases!.map((a) => a.AliasName)).toEqual(mine.slice(0, 50));
  const next = await client.send(
    new ListAliasesCommand({ KeyId: keyId, Marker: byKey.NextMarker, Limit: 100 }),
  );
  expect(next.Aliases!.map((a) => a.AliasName)).toEqual(mine.slice(50));
  expect(next.Truncated).toBe(false);
  const others = await client.send(new ListAliasesCommand({ KeyId: other }));
  expect(others.Aliases!.map((a) => a.TargetKeyId)).toEqual(Array(12).fill(other));
});

test('ListGrants and ListRetirableGrants return 50 without Limit, oldest first, at most 100', async () => {
  const { emulator, client } = newClient();
  const [keyId, other] = await createKeys(client, 2);
  const grantIds: string[] = [];
  for (let i = 0; i < 120; i++) {
    // Each grant a millisecond later: the listing is in creation order.
    await emulator.admin.clock.advance(1);
    const { GrantId } = await client.send(
      new CreateGrantCommand({
        KeyId: i % 10 === 9 ? other! : keyId!,
        GranteePrincipal: ROLE,
        RetiringPrincipal: RETIRER,
        Operations: ['Encrypt'],
      }),
    );
    if (i % 10 !== 9) grantIds.push(GrantId!);
  }
  const first = await client.send(new ListGrantsCommand({ KeyId: keyId }));
  expect(first.Grants!.map((g) => g.GrantId)).toEqual(grantIds.slice(0, 50));
  const second = await client.send(
    new ListGrantsCommand({ KeyId: keyId, Marker: first.NextMarker, Limit: 1000 }),
  );
  expect(second.Grants!.map((g) => g.GrantId)).toEqual(grantIds.slice(50));
  expect(second.Truncated).toBe(false);
  const retirable = await client.send(new ListRetirableGrantsCommand({ RetiringPrincipal: RETIRER }));
  expect(retirable.Grants).toHaveLength(50);
  expect(
    (await client.send(new ListRetirableGrantsCommand({ RetiringPrincipal: RETIRER, Limit: 1000 }))).Grants,
  ).toHaveLength(100);
  // A single grant by id, and a filter by grantee that keeps pages full.
  const one = await client.send(new ListGrantsCommand({ KeyId: keyId, GrantId: grantIds[70] }));
  expect(one.Grants!.map((g) => g.GrantId)).toEqual([grantIds[70]]);
  const byGrantee = await client.send(
    new ListGrantsCommand({ KeyId: keyId, GranteePrincipal: ROLE, Limit: 30 }),
  );
  expect(byGrantee.Grants!.map((g) => g.GrantId)).toEqual(grantIds.slice(0, 30));
});
