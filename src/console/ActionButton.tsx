/**
 * A button that runs one console action through a `useAction()`: disabled while any action of that state runs,
 * and the action's text (or AWS error) shown by its ActionMessages.
 */
import type { ReactNode } from 'react';
import type { ActionState } from './use-action.ts';

interface ActionButtonProps {
  action: ActionState;
  /** The work; resolves to the status line to show. */
  run(): Promise<string | void>;
  /** Called after the work succeeded (e.g. to reload what it changed). */
  then?(): void;
  className?: string;
  children: ReactNode;
}

export function ActionButton({ action, run, then, className, children }: ActionButtonProps) {
  return (
    <button
      type="button"
      className={className}
      disabled={action.busy}
      onClick={() =>
        action.run(async () => {
          const text = await run();
          then?.();
          return text;
        })
      }
    >
      {children}
    </button>
  );
}
