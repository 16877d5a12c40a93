/**
 * The custom key stores of the console's account and Region (DescribeCustomKeyStores through the SDK): id, name,
 * type and connection state. Empty until an app creates one.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeCustomKeyStores.html
 */
import { DescribeCustomKeyStoresCommand, type CustomKeyStoresListEntry } from '@aws-sdk/client-kms';
import { useEffect, useId, useState } from 'react';
import { useConsole } from './console-context.ts';
import { errorText } from './error-text.ts';

export function CustomKeyStores() {
  const { client, admin } = useConsole();
  const [stores, setStores] = useState<CustomKeyStoresListEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const id = useId();

  useEffect(
    () =>
      admin.subscribe((change) => {
        if ((change.tables as string[]).includes('customKeyStores')) setVersion((v) => v + 1);
      }),
    [admin],
  );

  useEffect(() => {
    let live = true;
    (async () => {
      const all: CustomKeyStoresListEntry[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(new DescribeCustomKeyStoresCommand({ Marker: marker }));
        all.push(...(page.CustomKeyStores ?? []));
        marker = page.Truncated ? page.NextMarker : undefined;
      } while (marker);
      return all;
    })().then(
      (all) => {
        if (!live) return;
        setStores(all);
        setError(null);
      },
      (failure: unknown) => live && setError(errorText(failure)),
    );
    return () => {
      live = false;
    };
  }, [client, version]);

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Custom key stores</h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {stores.length === 0 ? (
        <p className="muted">No custom key stores in this account and Region.</p>
      ) : (
        <table className="compact" aria-labelledby={`${id}-heading`}>
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Connection</th>
            </tr>
          </thead>
          <tbody>
            {stores.map((s) => (
              <tr key={s.CustomKeyStoreId}>
                <td className="mono">{s.CustomKeyStoreId}</td>
                <td>{s.CustomKeyStoreName}</td>
                <td>{s.CustomKeyStoreType}</td>
                <td>
                  {s.ConnectionState}
                  {s.ConnectionErrorCode ? ` (${s.ConnectionErrorCode})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
