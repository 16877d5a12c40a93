/**
 * `useAction()`: runs one console action at a time and keeps what the user should see — busy while it runs, then
 * a status line, or the AWS error name and message exactly as the SDK reports them (`role="alert"`).
 */
import { useCallback, useState } from 'react';
import { errorText } from './error-text.ts';

export interface ActionState {
  busy: boolean;
  status: string | null;
  error: string | null;
  run(action: () => Promise<string | void>): Promise<void>;
}

export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<string | void>) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus((await action()) || null);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, status, error, run };
}
