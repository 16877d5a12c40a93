/**
 * A CodeMirror 6 JSON editor that shows syntax errors as you type (a lint marker on the spot and the parser's
 * message below the editor), for key policies. CSP-safe: CodeMirror needs no eval.
 * https://codemirror.net/examples/lint/
 */
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { classHighlighter } from '@lezer/highlight';
import { basicSetup, EditorView } from 'codemirror';
import { useEffect, useRef } from 'react';

interface JsonEditorProps {
  value: string;
  label: string;
  onChange(text: string): void;
}

export function JsonEditor({ value, label, onChange }: JsonEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;

  useEffect(() => {
    if (!host.current) return;
    view.current = new EditorView({
      doc: value,
      parent: host.current,
      extensions: [
        basicSetup,
        json(),
        // No horizontal scrolling: long lines wrap (a scrolled region would need its own tab stop).
        EditorView.lineWrapping,
        linter(jsonParseLinter()),
        lintGutter(),
        syntaxHighlighting(classHighlighter),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) changeRef.current(update.state.doc.toString());
        }),
      ],
    });
    return () => view.current?.destroy();
    // Created once per mount; `value` changes from outside are applied below.
  }, [label]);

  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== value) {
      current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} className="json-editor" />;
}
