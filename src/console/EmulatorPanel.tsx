/**
 * The "Emulator" panel: this tab's emulator clock (shown, and moved 30 days ahead), and the whole state exported
 * to a JSON file, imported from one (replacing everything, clock offset included) or reset to the start. All of it
 * goes through the admin facade (`emulator.admin`), which no AWS request can reach.
 */
import { useEffect, useId, useState, type ChangeEvent } from 'react';
import type { KmsAdmin } from '../msw/browser.ts';
import { errorText } from './error-text.ts';

const DAY_MS = 86_400_000;

interface EmulatorPanelProps {
  admin: KmsAdmin;
  /** Called after the clock moved: keys whose deletion date it passed are gone on the next ListKeys. */
  onClockMoved(): void;
}

/** E.g. `2026-01-31 12:00:00 UTC (+30 days)`, or `(real time)` when the clock is not moved. */
function timeText(now: number, offsetMs: number): string {
  const days = Number((offsetMs / DAY_MS).toFixed(2));
  const offset = offsetMs === 0 ? 'real time' : `${days > 0 ? '+' : ''}${days} days`;
  return `${new Date(now).toISOString().replace('T', ' ').slice(0, 19)} UTC (${offset})`;
}

function download(name: string, json: string): void {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export function EmulatorPanel({ admin, onClockMoved }: EmulatorPanelProps) {
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

  const advance = () =>
    run(async () => {
      await admin.clock.advance(30 * DAY_MS);
      onClockMoved();
      return 'Clock moved 30 days ahead.';
    });

  const exportState = () =>
    run(async () => {
      const name = `kmsw-state-${new Date(admin.clock.now()).toISOString().slice(0, 10)}.json`;
      download(name, await admin.exportJson());
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
        <button type="button" className="secondary" onClick={advance} disabled={busy}>
          Advance 30 days
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
