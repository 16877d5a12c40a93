/**
 * A key's grants: listed, created (grantee, operations, optional retiring principal), retired and revoked.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_RetireGrant.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_RevokeGrant.html
 */
import {
  CreateGrantCommand,
  ListGrantsCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  type GrantListEntry,
  type GrantOperation,
} from '@aws-sdk/client-kms';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ActionMessages } from './ActionMessages.tsx';
import { useConsole } from './console-context.ts';
import { useAction } from './use-action.ts';

const OPERATIONS: GrantOperation[] = [
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'ReEncryptFrom',
  'ReEncryptTo',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'Sign',
  'Verify',
  'GetPublicKey',
  'GenerateMac',
  'VerifyMac',
  'DeriveSharedSecret',
  'DescribeKey',
  'CreateGrant',
  'RetireGrant',
];

export function KeyGrants({ keyId }: { keyId: string }) {
  const { client, region } = useConsole();
  const action = useAction();
  const [grants, setGrants] = useState<GrantListEntry[]>([]);
  const [version, setVersion] = useState(0);
  const [grantee, setGrantee] = useState('arn:aws:iam::000000000000:role/app');
  const [retiring, setRetiring] = useState('');
  const [operations, setOperations] = useState<GrantOperation[]>(['Encrypt', 'Decrypt']);
  const id = useId();

  useEffect(() => {
    let live = true;
    client.send(new ListGrantsCommand({ KeyId: keyId })).then(
      (out) => live && setGrants(out.Grants ?? []),
      () => live && setGrants([]),
    );
    return () => {
      live = false;
    };
  }, [client, keyId, version]);

  function create(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      const out = await client.send(
        new CreateGrantCommand({
          KeyId: keyId,
          GranteePrincipal: grantee,
          RetiringPrincipal: retiring || undefined,
          Operations: operations,
        }),
      );
      setVersion((v) => v + 1);
      return `Grant ${out.GrantId} created.`;
    });
  }

  const remove = (grant: GrantListEntry, how: 'Retire' | 'Revoke') =>
    action.run(async () => {
      if (how === 'Retire')
        await client.send(new RetireGrantCommand({ KeyId: keyId, GrantId: grant.GrantId }));
      else await client.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: grant.GrantId }));
      setVersion((v) => v + 1);
      return `Grant ${how === 'Retire' ? 'retired' : 'revoked'}.`;
    });

  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Grants</h3>
      {grants.length === 0 ? (
        <p className="muted">No grants.</p>
      ) : (
        <table className="compact" aria-labelledby={`${id}-h`}>
          <thead>
            <tr>
              <th scope="col">Grantee</th>
              <th scope="col">Operations</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {grants.map((grant) => (
              <tr key={grant.GrantId}>
                <td className="mono">{grant.GranteePrincipal}</td>
                <td>{grant.Operations?.join(', ')}</td>
                <td className="row-actions">
                  <button type="button" className="secondary small" onClick={() => remove(grant, 'Retire')}>
                    Retire
                  </button>
                  <button type="button" className="secondary small" onClick={() => remove(grant, 'Revoke')}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="form" onSubmit={create}>
        <div className="field">
          <label htmlFor={`${id}-grantee`}>Grantee principal</label>
          <input id={`${id}-grantee`} value={grantee} onChange={(e) => setGrantee(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-retiring`}>Retiring principal (optional)</label>
          <input
            id={`${id}-retiring`}
            value={retiring}
            placeholder={`arn:aws:iam::000000000000:role/admin (${region})`}
            onChange={(e) => setRetiring(e.target.value)}
          />
        </div>
        <fieldset>
          <legend>Operations</legend>
          <div className="checks">
            {OPERATIONS.map((operation) => (
              <label key={operation} className="check">
                <input
                  type="checkbox"
                  checked={operations.includes(operation)}
                  onChange={(e) =>
                    setOperations((ops) =>
                      e.target.checked ? [...ops, operation] : ops.filter((o) => o !== operation),
                    )
                  }
                />
                {operation}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" disabled={action.busy}>
          Create grant
        </button>
      </form>
      <ActionMessages action={action} />
    </section>
  );
}
