/** The status line and the error (AWS name and message) of a `useAction()`. */
import type { ActionState } from './use-action.ts';

export function ActionMessages({ action }: { action: ActionState }) {
  return (
    <>
      {action.status && (
        <p role="status" className="muted">
          {action.status}
        </p>
      )}
      {action.error && (
        <p role="alert" className="error">
          {action.error}
        </p>
      )}
    </>
  );
}
