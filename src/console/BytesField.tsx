/**
 * A bytes input of the workbench: a text area read as UTF-8 text, hex or base64 (a format picker beside it), or a
 * file whose bytes replace the text. `value` is the parsed bytes, or the parse error to show.
 */
import { useId, useState, type ChangeEvent } from 'react';
import { formatBytes, parseBytes, type BytesFormat } from './bytes.ts';

export interface BytesValue {
  bytes: Uint8Array | null;
  error: string | null;
}

interface BytesFieldProps {
  label: string;
  defaultFormat?: BytesFormat;
  initialText?: string;
  onChange(value: BytesValue): void;
}

export function parseField(text: string, format: BytesFormat): BytesValue {
  try {
    return { bytes: parseBytes(text, format), error: null };
  } catch (error) {
    return { bytes: null, error: (error as Error).message };
  }
}

export function BytesField({ label, defaultFormat = 'text', initialText = '', onChange }: BytesFieldProps) {
  const [text, setText] = useState(initialText);
  const [format, setFormat] = useState<BytesFormat>(defaultFormat);
  const [fileName, setFileName] = useState<string | null>(null);
  const id = useId();
  const parsed = parseField(text, format);

  const update = (nextText: string, nextFormat: BytesFormat) => {
    setText(nextText);
    setFormat(nextFormat);
    setFileName(null);
    onChange(parseField(nextText, nextFormat));
  };

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    setText(formatBytes(bytes, 'base64'));
    setFormat('base64');
    setFileName(file.name);
    onChange({ bytes, error: null });
  }

  return (
    <div className="field bytes-field">
      <div className="field-head">
        <label htmlFor={`${id}-text`}>{label}</label>
        <label className="inline muted" htmlFor={`${id}-format`}>
          Format
        </label>
        <select
          id={`${id}-format`}
          value={format}
          onChange={(e) => update(text, e.target.value as BytesFormat)}
        >
          <option value="text">Text (UTF-8)</option>
          <option value="hex">Hex</option>
          <option value="base64">Base64</option>
        </select>
        <label className="file-button">
          <span>Read from a file</span>
          <input type="file" onChange={readFile} />
        </label>
      </div>
      <textarea
        id={`${id}-text`}
        rows={3}
        className={format === 'text' ? undefined : 'mono'}
        value={text}
        onChange={(e) => update(e.target.value, format)}
        aria-invalid={parsed.error ? true : undefined}
        aria-describedby={parsed.error ? `${id}-error` : undefined}
      />
      {fileName && <span className="muted">{`${fileName}: ${parsed.bytes?.length ?? 0} bytes`}</span>}
      {parsed.error && (
        <span id={`${id}-error`} className="error">
          {parsed.error}
        </span>
      )}
    </div>
  );
}
