/**
 * What the domain needs from the outside world, injected once: the store, the clock and the id source.
 */
import type { Clock } from './clock.ts';
import type { IdSource } from './ids.ts';
import type { KmsStore } from './store.ts';

export interface KmsEnvironment {
  store: KmsStore;
  clock: Clock;
  ids: IdSource;
}
