/**
 * The `subscribe` side of a store: a set of change listeners. A listener that throws is reported (reportError
 * where the platform has it, console.error otherwise) and does not stop the others or fail the commit.
 */
import type { StoreChange } from '../kms/store.ts';

export interface ListenerSet {
  add(listener: (change: StoreChange) => void): () => void;
  notify(change: StoreChange): void;
  clear(): void;
}

export function createListenerSet(): ListenerSet {
  const listeners = new Set<(change: StoreChange) => void>();
  return {
    add(listener) {
      // Wrapped so the same function subscribed twice is two subscriptions, each removable once.
      const entry = (change: StoreChange) => listener(change);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
    notify(change) {
      for (const listener of [...listeners]) {
        try {
          listener({ tables: [...change.tables], scopes: change.scopes.map((s) => ({ ...s })) });
        } catch (err) {
          if (typeof globalThis.reportError === 'function') globalThis.reportError(err);
          else console.error('kmsw store listener failed', err);
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
