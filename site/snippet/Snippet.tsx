/**
 * One runnable docs snippet, in the markup tools and tests rely on:
 * `<figure data-snippet="<id>" [data-expect="error"] [data-status="ok|error"]>` holding the editable code, a
 * button named `Run`, and an `<output>` with the result (JSON, bytes as base64) or the AWS error name and message.
 * Running goes through the page's Playground (earlier snippets first, one shared scope).
 */
import type { EditorView } from 'codemirror';
import { useContext, useEffect, useRef, useState } from 'react';
import { PlaygroundContext } from './playground-context.ts';
import type { SnippetState } from './playground.ts';
import { CodeEditor } from './CodeEditor.tsx';

interface SnippetProps {
  id: string;
  code: string;
  expect?: 'error';
}

export function Snippet({ id, code, expect }: SnippetProps) {
  const playground = useContext(PlaygroundContext);
  const figure = useRef<HTMLElement>(null);
  const editor = useRef<EditorView | null>(null);
  const [state, setState] = useState<SnippetState>({ status: 'idle', output: '' });

  useEffect(() => {
    if (!figure.current || !playground) return;
    return playground.register({
      id,
      element: figure.current,
      code: () => editor.current?.state.doc.toString() ?? code,
      report: setState,
    });
  }, [playground, id, code]);

  const run = () => void playground?.run(id);
  const settled = state.status === 'ok' || state.status === 'error';

  return (
    <figure
      ref={figure}
      className="snippet"
      data-snippet={id}
      data-expect={expect}
      data-status={settled ? state.status : undefined}
      aria-busy={state.status === 'running'}
    >
      <CodeEditor
        initialCode={code}
        label={`Code of the snippet ${id}`}
        onReady={(view) => (editor.current = view)}
        onRun={run}
      />
      <div className="snippet-bar">
        <button type="button" onClick={run} disabled={state.status === 'running'}>
          Run
        </button>
        {expect === 'error' && <span className="muted">This example fails on purpose.</span>}
      </div>
      <output className={`snippet-output snippet-${state.status}`} aria-live="polite">
        {state.output}
      </output>
    </figure>
  );
}
