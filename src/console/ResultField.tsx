/** A workbench result: bytes shown as base64 (or text) in a read-only field with a Copy button. */
import { useId, useState } from 'react';

interface ResultFieldProps {
  label: string;
  value: string;
}

export function ResultField({ label, value }: ResultFieldProps) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={id}>{label}</label>
        <button
          type="button"
          className="secondary small"
          disabled={!value}
          aria-label={`Copy ${label}`}
          onClick={() =>
            void navigator.clipboard.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <textarea id={id} className="mono" rows={2} readOnly value={value} />
    </div>
  );
}
