/**
 * Generate a MAC with an HMAC key and verify one; a wrong MAC is KMSInvalidMacException, as on AWS.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_VerifyMac.html
 */
import {
  GenerateMacCommand,
  VerifyMacCommand,
  type KeyMetadata,
  type MacAlgorithmSpec,
} from '@aws-sdk/client-kms';
import { useId, useState } from 'react';
import { ActionMessages } from '../ActionMessages.tsx';
import { base64ToBytes, bytesToBase64 } from '../base64.ts';
import { BytesField, parseField, type BytesValue } from '../BytesField.tsx';
import { useConsole } from '../console-context.ts';
import { useAction } from '../use-action.ts';

export function MacPanel({ keyMetadata }: { keyMetadata: KeyMetadata | undefined }) {
  const { client } = useConsole();
  const action = useAction();
  const [message, setMessage] = useState<BytesValue>(parseField('', 'text'));
  const [mac, setMac] = useState('');
  const id = useId();
  const algorithm = keyMetadata?.MacAlgorithms?.[0] as MacAlgorithmSpec | undefined;
  const common = () => ({
    KeyId: keyMetadata?.KeyId,
    Message: message.bytes ?? new Uint8Array(),
    MacAlgorithm: algorithm,
  });

  return (
    <div className="form">
      <p className="muted">Algorithm: {algorithm ?? '—'}</p>
      <BytesField label="Message" onChange={setMessage} />
      <div className="row-actions">
        <button
          type="button"
          disabled={action.busy || !keyMetadata || !message.bytes}
          onClick={() =>
            action.run(async () => {
              const out = await client.send(new GenerateMacCommand(common()));
              setMac(out.Mac ? bytesToBase64(out.Mac) : '');
            })
          }
        >
          Generate MAC
        </button>
        <button
          type="button"
          className="secondary"
          disabled={action.busy || !keyMetadata || !mac.trim()}
          onClick={() =>
            action.run(async () => {
              const out = await client.send(new VerifyMacCommand({ ...common(), Mac: base64ToBytes(mac) }));
              return out.MacValid ? 'MAC valid.' : 'MAC not valid.';
            })
          }
        >
          Verify MAC
        </button>
      </div>
      <div className="field">
        <label htmlFor={`${id}-mac`}>MAC (base64)</label>
        <textarea
          id={`${id}-mac`}
          className="mono"
          rows={2}
          value={mac}
          onChange={(e) => setMac(e.target.value)}
        />
      </div>
      <ActionMessages action={action} />
    </div>
  );
}
