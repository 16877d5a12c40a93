/** The keys table: id, description, spec, usage, state and creation time of every key (see `useKeys`). */
import type { KeyMetadata } from '@aws-sdk/client-kms';

interface KeysTableProps {
  keys: KeyMetadata[];
  loading: boolean;
  error: string | null;
  onRefresh(): void;
}

export function KeysTable({ keys, loading, error, onRefresh }: KeysTableProps) {
  return (
    <section className="panel" aria-labelledby="keys-heading">
      <div className="panel-header">
        <h2 id="keys-heading">Keys</h2>
        <button type="button" className="secondary" onClick={onRefresh} disabled={loading}>
          {loading ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table aria-labelledby="keys-heading">
        <thead>
          <tr>
            <th scope="col">Key id</th>
            <th scope="col">Description</th>
            <th scope="col">Spec</th>
            <th scope="col">Usage</th>
            <th scope="col">State</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {keys.length === 0 && !loading && (
            <tr>
              <td colSpan={6} className="empty">
                No keys yet — create one below.
              </td>
            </tr>
          )}
          {keys.map((key) => (
            <tr key={key.KeyId}>
              <td className="mono">{key.KeyId}</td>
              <td>{key.Description || <span className="muted">—</span>}</td>
              <td>{key.KeySpec}</td>
              <td>{key.KeyUsage}</td>
              <td>
                <span className={`state state-${key.KeyState?.toLowerCase() ?? 'unknown'}`}>
                  {key.KeyState}
                </span>
              </td>
              <td>{key.CreationDate?.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
