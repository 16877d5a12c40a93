/**
 * GenerateDataKey and GenerateDataKeyPair: a data key (AES) or a data key pair, each in plaintext and encrypted
 * under the chosen symmetric key, with copyable results.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPair.html
 */
import {
  DataKeyPairSpec,
  DataKeySpec,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { useId, useState } from 'react';
import { ActionMessages } from '../ActionMessages.tsx';
import { bytesToBase64 } from '../base64.ts';
import { useConsole } from '../console-context.ts';
import { ResultField } from '../ResultField.tsx';
import { useAction } from '../use-action.ts';

/** Every data key pair spec the SDK knows; SM2 only in the China Regions, as AWS allows it. */
const pairSpecsIn = (region: string): string[] =>
  Object.values(DataKeyPairSpec).filter((spec) => spec !== 'SM2' || region.startsWith('cn-'));

const b64 = (bytes: Uint8Array | undefined) => (bytes ? bytesToBase64(bytes) : '');

export function DataKeyPanel({ keyMetadata, pair }: { keyMetadata: KeyMetadata | undefined; pair: boolean }) {
  const { client, region } = useConsole();
  const action = useAction();
  const [spec, setSpec] = useState<string>(pair ? 'ECC_NIST_P256' : 'AES_256');
  const [results, setResults] = useState<[string, string][]>([]);
  const id = useId();
  const specs = pair ? pairSpecsIn(region) : Object.values(DataKeySpec);

  const generate = () =>
    action.run(async () => {
      if (pair) {
        const out = await client.send(
          new GenerateDataKeyPairCommand({ KeyId: keyMetadata?.KeyId, KeyPairSpec: spec as DataKeyPairSpec }),
        );
        setResults([
          ['Public key (DER, base64)', b64(out.PublicKey)],
          ['Private key (plaintext, DER, base64)', b64(out.PrivateKeyPlaintext)],
          ['Private key (encrypted, base64)', b64(out.PrivateKeyCiphertextBlob)],
        ]);
      } else {
        const out = await client.send(
          new GenerateDataKeyCommand({ KeyId: keyMetadata?.KeyId, KeySpec: spec as DataKeySpec }),
        );
        setResults([
          ['Data key (plaintext, base64)', b64(out.Plaintext)],
          ['Data key (encrypted, base64)', b64(out.CiphertextBlob)],
        ]);
      }
    });

  return (
    <div className="form">
      <div className="field">
        <label htmlFor={`${id}-spec`}>{pair ? 'Key pair spec' : 'Data key spec'}</label>
        <select id={`${id}-spec`} value={spec} onChange={(e) => setSpec(e.target.value)}>
          {specs.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <button type="button" onClick={generate} disabled={action.busy || !keyMetadata}>
        {pair ? 'Generate data key pair' : 'Generate data key'}
      </button>
      {results.map(([label, value]) => (
        <ResultField key={label} label={label} value={value} />
      ))}
      <ActionMessages action={action} />
    </div>
  );
}
