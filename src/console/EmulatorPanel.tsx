/**
 * The "Emulator" panel: this tab's emulator clock (shown, and moved ahead by a chosen number of days), the whole
 * state exported to a JSON file, imported from one (replacing everything, clock offset included), reset to the
 * start, and keys seeded from a seed document (`{ "keys": [...] }`, as the `seed` option). All of it goes through
 * the admin facade (`emulator.admin`), which no AWS request can reach.
 */
import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { useConsole } from './console-context.ts';
import { downloadBlob } from './download.ts';
import { errorText } from './error-text.ts';

const DAY_MS = 86_400_000;

interface EmulatorPanelProps {
  /** Called after the clock moved: keys whose deletion date it passed are gone on the next ListKeys. */
  onClockMoved(): void;
}

/** E.g. `2026-01-31 12:00:00 UTC (+30 days)`, or `(real time)` when the clock is not moved. */
function timeText(now: number, offsetMs: number): string {
  const days = Number((offsetMs / DAY_MS).toFixed(2));
  const offset = offsetMs === 0 ? 'real time' : `${days > 0 ? '+' : ''}${days} days`;
  return `${new Date(now).toISOString().replace('T', ' ').slice(0, 19)} UTC (${offset})`;
}

const SEED_EXAMPLE = '{ "keys": [{ "description": "seeded", "aliases": ["alias/seeded"] }] }';

export function EmulatorPanel({ onClockMoved }: EmulatorPanelProps) {
  const { admin } = useConsole();
  const [days, setDays] = useState(30);
  const [seed, setSeed] = useState('');
  const [now, setNow] = useState(() => admin.clock.now());
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    const timer = setInterval(() => setNow(admin.clock.now()), 1000);
    return () => clearInterval(timer);
  }, [admin]);

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await action());
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setNow(admin.clock.now());
      setBusy(false);
    }
  }

  const advance = (by: number) =>
    run(async () => {
      await admin.clock.advance(by * DAY_MS);
      onClockMoved();
      return `Clock moved ${by} days ahead.`;
    });

  const seedKeys = () =>
    run(async () => {
      await admin.seed(seed);
      onClockMoved();
      return 'Seeded.';
    });

  const exportState = () =>
    run(async () => {
      const name = `kmsw-state-${new Date(admin.clock.now()).toISOString().slice(0, 10)}.json`;
      downloadBlob(name, new Blob([await admin.exportJson()], { type: 'application/json' }));
      return `Exported ${name}.`;
    });

  function importState(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    void run(async () => {
      try {
        await admin.importState(await file.text(), { mode: 'replace' });
      } finally {
        input.value = '';
      }
      return `Imported ${file.name}.`;
    });
  }

  function reset() {
    if (!window.confirm('Reset the emulator? Every key, alias and grant is deleted and the clock returns.'))
      return;
    void run(async () => {
      await admin.reset();
      return 'Emulator reset.';
    });
  }

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Emulator</h2>
      <div className="emulator">
        <div className="field">
          <label htmlFor={`${id}-time`}>Emulator time</label>
          {/* Ticks every second: not a live region. */}
          <output id={`${id}-time`} aria-live="off">
            {timeText(now, admin.clock.offsetMs())}
          </output>
        </div>
        <button type="button" className="secondary" onClick={() => advance(30)} disabled={busy}>
          Advance 30 days
        </button>
        <div className="field">
          <label htmlFor={`${id}-days`}>Advance by (days)</label>
          <input
            id={`${id}-days`}
            type="number"
            className="narrow"
            min={0}
            step="any"
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
          />
        </div>
        <button
          type="button"
          className="secondary"
          onClick={() => advance(days)}
          disabled={busy || !(days > 0)}
        >
          Advance
        </button>
        <button type="button" className="secondary" onClick={exportState} disabled={busy}>
          Export state
        </button>
        <div className="field">
          <label htmlFor={`${id}-import`}>Import state (replaces everything)</label>
          <input
            id={`${id}-import`}
            type="file"
            accept="application/json,.json"
            onChange={importState}
            disabled={busy}
          />
        </div>
        <button type="button" className="secondary" onClick={reset} disabled={busy}>
          Reset
        </button>
      </div>
      <div className="field seed-field">
        <label htmlFor={`${id}-seed`}>Seed keys (JSON, as the seed option)</label>
        <textarea
          id={`${id}-seed`}
          className="mono"
          rows={2}
          value={seed}
          placeholder={SEED_EXAMPLE}
          onChange={(e) => setSeed(e.target.value)}
        />
        <button type="button" className="secondary" onClick={seedKeys} disabled={busy || !seed.trim()}>
          Seed
        </button>
      </div>
      {status && (
        <p role="status" className="muted">
          {status}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
