/** Starts `kmsw serve --port 0 ...args` as a child process (killed when the test ends): its URL and its exit. */
import { spawn, type ChildProcess } from 'node:child_process';
import { onTestFinished } from 'vitest';

export function serve(args: string[]): {
  child: ChildProcess;
  url: Promise<string>;
  exit: Promise<[number | null, string]>;
} {
  const child = spawn(process.execPath, ['bin/kmsw.js', 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    child.kill('SIGKILL');
  });
  let out = '';
  const exit = new Promise<[number | null, string]>((resolve) =>
    child.once('exit', (code) => resolve([code, out])),
  );
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exit.then(([code]) => reject(new Error(`kmsw serve exited with ${code}: ${out}`)));
  });
  url.catch(() => undefined);
  return { child, url, exit };
}
