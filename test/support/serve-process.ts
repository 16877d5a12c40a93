/**
 * `kmsw serve` as a child process (bin/kmsw.js, as `npx kmsw serve` runs it): `url` resolves once it listens,
 * rejects with its output if it exits first.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServeProcess {
  child: ChildProcess;
  url: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
}

export function spawnServe(args: string[]): ServeProcess {
  const child = spawn(process.execPath, ['bin/kmsw.js', 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => reject(new Error(`kmsw serve exited with ${code}: ${out}`)));
  });
  url.catch(() => undefined);
  return { child, url, exited, output: () => out };
}
