/**
 * The live request log: every KMS call of the origin — from any tab: the app's, the docs', this console's — newest
 * first, with operation, key, status, AWS error, latency and caller; filter by operation, status and key. Choosing
 * a row shows its (redacted) request and response JSON, kmsw's explanation of an error, and "Copy as SDK code" /
 * "Copy as AWS CLI". Markup contract: a `role="log"` region named "Request log", one row per call, newest first,
 * the row's text containing the operation name. Virtualised (TanStack Virtual) so a long session stays smooth.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState } from 'react';
import type { KmsRequestLogEntry } from '../msw/browser.ts';
import { asAwsCli, asSdkCode } from './request-log-copy.ts';
import { useRequestLog } from './use-request-log.ts';

const ROW_HEIGHT = 33;

function CopyButton({ label, text }: { label: string; text: () => string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="secondary small"
      onClick={() =>
        void navigator.clipboard.writeText(text()).then(
          () => setDone(true),
          () => setDone(false),
        )
      }
    >
      {done ? 'Copied' : label}
    </button>
  );
}

function EntryDetail({ entry }: { entry: KmsRequestLogEntry }) {
  return (
    <div className="log-detail" aria-label={`${entry.operation} request detail`} role="region">
      <div className="row-actions">
        <CopyButton label="Copy as SDK code" text={() => asSdkCode(entry)} />
        <CopyButton label="Copy as AWS CLI" text={() => asAwsCli(entry)} />
      </div>
      {entry.errorCode && (
        <p className="error">
          {entry.errorCode}: {entry.errorMessage}
        </p>
      )}
      {entry.explanation && <p className="muted">kmsw: {entry.explanation}</p>}
      <p className="muted">
        {entry.time} · {entry.region} · account {entry.account}
        {entry.caller ? ` · ${entry.caller}` : entry.accessKeyId ? ` · ${entry.accessKeyId}` : ''}
      </p>
      <div className="log-json">
        <div>
          <h4>Request</h4>
          <pre className="mono">{JSON.stringify(entry.request, null, 2)}</pre>
        </div>
        <div>
          <h4>Response</h4>
          <pre className="mono">{JSON.stringify(entry.response, null, 2)}</pre>
        </div>
      </div>
    </div>
  );
}

export function RequestLog() {
  const { entries, clear } = useRequestLog();
  const [operation, setOperation] = useState('');
  const [status, setStatus] = useState<'all' | 'ok' | 'error'>('all');
  const [keyFilter, setKeyFilter] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const id = useId();
  const operations = useMemo(() => [...new Set(entries.map((e) => e.operation))].sort(), [entries]);
  const shown = useMemo(
    () =>
      entries.filter(
        (e) =>
          (!operation || e.operation === operation) &&
          (status === 'all' || (status === 'ok' ? e.status < 400 : e.status >= 400)) &&
          (!keyFilter || (e.keyId ?? '').toLowerCase().includes(keyFilter.toLowerCase())),
      ),
    [entries, operation, status, keyFilter],
  );
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 800, height: 360 },
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const detail = shown.find((e) => e.id === selected);

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <div className="panel-header">
        <h2 id={`${id}-heading`}>Request log</h2>
        <span className="muted">{`${shown.length} of ${entries.length} calls`}</span>
        <button
          type="button"
          className="secondary"
          onClick={() => void clear()}
          disabled={entries.length === 0}
        >
          Clear log
        </button>
      </div>
      <div className="filters">
        <label htmlFor={`${id}-op`}>Filter by operation</label>
        <select id={`${id}-op`} value={operation} onChange={(e) => setOperation(e.target.value)}>
          <option value="">All operations</option>
          {operations.map((op) => (
            <option key={op}>{op}</option>
          ))}
        </select>
        <label htmlFor={`${id}-status`}>Filter by status</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => setStatus(e.target.value as typeof status)}
        >
          <option value="all">All</option>
          <option value="ok">Succeeded</option>
          <option value="error">Failed</option>
        </select>
        <label htmlFor={`${id}-key`}>Filter by key</label>
        <input
          id={`${id}-key`}
          type="search"
          value={keyFilter}
          onChange={(e) => setKeyFilter(e.target.value)}
        />
      </div>
      {/* Column labels for sighted users; each row's cells say what they are through their content. */}
      <table className="log-columns" aria-hidden="true">
        <thead>
          <tr>
            <th>Time</th>
            <th>Operation</th>
            <th>Key</th>
            <th>Status</th>
            <th>Error</th>
            <th>ms</th>
          </tr>
        </thead>
      </table>
      <div
        className="table-scroll log-scroll"
        ref={scroller}
        role="log"
        aria-label="Request log"
        aria-live="off"
      >
        {shown.length === 0 ? (
          <p className="empty muted">No KMS calls yet. Calls from any tab of this site appear here.</p>
        ) : (
          <table className="log-rows">
            <tbody>
              {top > 0 && (
                <tr aria-hidden="true" className="spacer">
                  <td colSpan={6} style={{ height: top }} />
                </tr>
              )}
              {items.map((item) => {
                const entry = shown[item.index]!;
                const failed = entry.status >= 400;
                return (
                  <tr key={entry.id} className={entry.id === selected ? 'selected' : undefined}>
                    <td className="mono">
                      <button
                        type="button"
                        className="link"
                        aria-label="Show request and response"
                        aria-expanded={entry.id === selected}
                        onClick={() => setSelected(entry.id === selected ? null : entry.id)}
                      >
                        {entry.time.slice(11, 23)}
                      </button>
                    </td>
                    <td>{entry.operation}</td>
                    <td className="mono truncate" title={entry.keyId}>
                      {entry.keyId ?? ''}
                    </td>
                    <td className={failed ? 'error' : 'ok'}>{entry.status}</td>
                    <td className={failed ? 'error' : undefined}>{entry.errorCode ?? ''}</td>
                    <td>{`${entry.durationMs.toFixed(0)} ms`}</td>
                  </tr>
                );
              })}
              {bottom > 0 && (
                <tr aria-hidden="true" className="spacer">
                  <td colSpan={6} style={{ height: bottom }} />
                </tr>
              )}
            </tbody>
          </table>
        )}
      </div>
      {detail && <EntryDetail entry={detail} />}
    </section>
  );
}
