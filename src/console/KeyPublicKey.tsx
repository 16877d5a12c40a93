/**
 * The public key of an asymmetric key (GetPublicKey), downloaded as PEM or DER (SubjectPublicKeyInfo).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html
 */
import { GetPublicKeyCommand } from '@aws-sdk/client-kms';
import { useId } from 'react';
import { ActionMessages } from './ActionMessages.tsx';
import { bytesToBase64 } from './base64.ts';
import { useConsole } from './console-context.ts';
import { downloadBlob } from './download.ts';
import { useAction } from './use-action.ts';

export function toPem(der: Uint8Array): string {
  const lines = bytesToBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

export function KeyPublicKey({ keyId }: { keyId: string }) {
  const { client } = useConsole();
  const action = useAction();
  const id = useId();
  const download = (format: 'pem' | 'der') =>
    action.run(async () => {
      const { PublicKey } = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
      if (!PublicKey) return;
      const name = `${keyId}.public.${format}`;
      if (format === 'pem')
        downloadBlob(name, new Blob([toPem(PublicKey)], { type: 'application/x-pem-file' }));
      else
        downloadBlob(
          name,
          new Blob([PublicKey as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
        );
      return `Downloaded ${name}.`;
    });
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Public key</h3>
      <div className="row-actions">
        <button type="button" className="secondary" onClick={() => download('pem')} disabled={action.busy}>
          Download PEM
        </button>
        <button type="button" className="secondary" onClick={() => download('der')} disabled={action.busy}>
          Download DER
        </button>
      </div>
      <ActionMessages action={action} />
    </section>
  );
}
