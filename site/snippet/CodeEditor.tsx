/**
 * A CodeMirror 6 editor for one snippet: JavaScript highlighting through CSS classes (`tok-keyword`, …, coloured by
 * site.css for both themes), line numbers, bracket matching, undo history and the standard key bindings.
 * Ctrl/Cmd-Enter runs the snippet; Escape then Tab leaves the editor, as CodeMirror documents for keyboard users.
 * https://codemirror.net/docs/ref/#codemirror.basicSetup
 */
import { javascript } from '@codemirror/lang-javascript';
import { syntaxHighlighting } from '@codemirror/language';
import { keymap } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import { basicSetup, EditorView } from 'codemirror';
import { useEffect, useRef } from 'react';

interface CodeEditorProps {
  initialCode: string;
  label: string;
  /** Receives the editor, to read its text on Run. */
  onReady(view: EditorView): void;
  onRun(): void;
}

export function CodeEditor({ initialCode, label, onReady, onRun }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const runRef = useRef(onRun);
  runRef.current = onRun;

  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      doc: initialCode.replace(/\n$/, ''),
      parent: host.current,
      extensions: [
        keymap.of([{ key: 'Mod-Enter', run: () => (runRef.current(), true) }]),
        basicSetup,
        javascript(),
        // No horizontal scrolling: long lines wrap (a scrolled region would need its own tab stop).
        EditorView.lineWrapping,
        syntaxHighlighting(classHighlighter),
        EditorView.contentAttributes.of({ 'aria-label': label }),
      ],
    });
    onReady(view);
    return () => view.destroy();
    // The editor is created once; its text is then the user's.
  }, []);

  return <div ref={host} className="snippet-editor" />;
}
