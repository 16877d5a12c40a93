/**
 * The storage adapters of kmsw: implementations of the domain's `KmsStore` port (src/kms/store.ts).
 */
export { createMemoryStore } from './memory-store.ts';
export {
  DEFAULT_DATABASE_NAME,
  SCHEMA_VERSION,
  openIndexedDbStore,
  type IndexedDbStoreOptions,
  type KmswDB,
} from './indexeddb-store.ts';
