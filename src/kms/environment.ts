/**
 * What the domain needs from the outside world, injected once: the store, the clock, the id source, the
 * access-control settings, the simulated custom key store backends and the quotas.
 */
import type { AccessControl } from './access/access-control.ts';
import type { Clock } from './clock.ts';
import type { CustomKeyStoreBackends } from './custom-key-stores/backends.ts';
import type { IdSource } from './ids.ts';
import type { QuotaRuntime } from './quotas/rate-quotas.ts';
import type { KmsStore } from './store.ts';

export interface KmsEnvironment {
  store: KmsStore;
  clock: Clock;
  ids: IdSource;
  /** Identities and policy enforcement (the `identities` / `enforcePolicies` options); absent when unused. */
  access?: AccessControl;
  /** The simulated CloudHSM clusters and XKS proxies (none when absent), and how long connecting takes. */
  customKeyStores?: { backends: CustomKeyStoreBackends; connectMs: number };
  /** Request-rate buckets and the adjustable quotas' settings (`quotas` option); absent in bare test setups. */
  quotas?: QuotaRuntime;
}
