/**
 * The access-control settings of one emulator: the identities (access key id → principal) and whether every
 * request is authorised (`enforcePolicies`). Absent, kmsw behaves as it did before identities existed.
 */
import type { IdentityDirectory } from './identities.ts';

export interface AccessControl {
  identities: IdentityDirectory;
  /** Authorise every operation by key policy, IAM policies and grants. */
  enforce: boolean;
  /** How long a new grant takes to be in effect without its grant token (emulator ms; 0: at once). */
  grantPropagationMs: number;
}
