/**
 * The page's playground: the runnable snippets of one docs page, run in page order against the in-page emulator
 * (`installKmsFetch` from kmsw/browser, on the same IndexedDB database as the console, so the console's keys table
 * and request log show what the docs did). Snippets share one scope: what a snippet declares, the ones below it
 * can use. Running a snippet first runs the snippets above it that have not run yet, so every Run button works on
 * its own; `runAll()` runs every snippet in order. Runs never overlap.
 *
 * The emulator and the AWS SDK load on the first run, not with the page.
 */
import { compileSnippet } from './compile-snippet.ts';
import { formatError, formatLog, formatValue } from './format-output.ts';

export type SnippetStatus = 'idle' | 'running' | 'ok' | 'error';

export interface SnippetState {
  status: SnippetStatus;
  output: string;
}

export interface SnippetEntry {
  id: string;
  element: HTMLElement;
  code(): string;
  report(state: SnippetState): void;
}

type AsyncFunctionConstructor = new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as AsyncFunctionConstructor;

export interface PlaygroundOptions {
  /** IndexedDB database of the in-page emulator. Default `kmsw`, the console's. */
  databaseName?: string;
}

export class Playground {
  private readonly entries = new Map<string, SnippetEntry>();
  private readonly ran = new Set<string>();
  private readonly scope: Record<string, unknown> = {};
  private queue: Promise<unknown> = Promise.resolve();
  private environment: Promise<Record<string, unknown>> | undefined;

  private readonly options: PlaygroundOptions;

  constructor(options: PlaygroundOptions = {}) {
    this.options = options;
  }

  register(entry: SnippetEntry): () => void {
    this.entries.set(entry.id, entry);
    return () => {
      if (this.entries.get(entry.id) === entry) this.entries.delete(entry.id);
    };
  }

  /** Runs the snippets above `id` that have not run yet, then `id`. */
  run(id: string): Promise<void> {
    return this.enqueue(async () => {
      const ordered = this.ordered();
      const index = ordered.findIndex((entry) => entry.id === id);
      for (const entry of ordered.slice(0, index)) {
        if (!this.ran.has(entry.id) && !(await this.execute(entry)))
          return this.blocked(ordered[index]!, entry);
      }
      const target = ordered[index];
      if (target) await this.execute(target);
    });
  }

  /** Every snippet of the page, top to bottom. */
  runAll(): Promise<void> {
    return this.enqueue(async () => {
      for (const entry of this.ordered()) await this.execute(entry);
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private ordered(): SnippetEntry[] {
    return [...this.entries.values()].sort((a, b) =>
      a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
    );
  }

  private blocked(target: SnippetEntry, failed: SnippetEntry): void {
    target.report({ status: 'error', output: `Not run: the snippet "${failed.id}" above it failed.` });
  }

  private loadEnvironment(): Promise<Record<string, unknown>> {
    this.environment ??= (async () => {
      const [sdk, browser] = await Promise.all([
        import('@aws-sdk/client-kms'),
        import('../../src/msw/browser.ts'),
      ]);
      browser.installKmsFetch({ databaseName: this.options.databaseName ?? 'kmsw' });
      return sdk as Record<string, unknown>;
    })();
    return this.environment;
  }

  /**
   * Runs one snippet; true when it ended as its author meant (`data-expect="error"` snippets are meant to fail,
   * and a failure there does not stop the snippets after it).
   */
  private async execute(entry: SnippetEntry): Promise<boolean> {
    entry.report({ status: 'running', output: 'Running…' });
    const logs: string[] = [];
    const capture =
      (level: 'log' | 'info' | 'warn' | 'error') =>
      (...args: unknown[]) => {
        logs.push(formatLog(args));
        console[level](...args);
      };
    const sandboxConsole = {
      log: capture('log'),
      info: capture('info'),
      warn: capture('warn'),
      error: capture('error'),
    };
    try {
      const sdk = await this.loadEnvironment();
      const { body } = compileSnippet(entry.code(), Object.keys(this.scope));
      const run = new AsyncFunction('__sdk', '__scope', '__export', 'console', body);
      const value = await run(
        sdk,
        this.scope,
        (names: Record<string, unknown>) => Object.assign(this.scope, names),
        sandboxConsole,
      );
      this.ran.add(entry.id);
      const output = logs.length ? logs.join('\n') : value === undefined ? 'Done.' : formatValue(value);
      entry.report({ status: 'ok', output });
      return entry.element.dataset.expect !== 'error';
    } catch (error) {
      this.ran.add(entry.id);
      entry.report({ status: 'error', output: [...logs, formatError(error)].join('\n') });
      return entry.element.dataset.expect === 'error';
    }
  }
}
