/**
 * What every console component works with: the KMS client (the SDK, like any app) and the emulator's admin facade
 * (reset, export/import, clock, seed, request log, identities). Nothing else of the emulator is reachable.
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import { createContext, useContext } from 'react';
import type { KmsAdmin } from '../msw/browser.ts';

export interface ConsoleContextValue {
  client: KMSClient;
  admin: KmsAdmin;
  region: string;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('kmsw console components must be inside <KmswConsole>');
  return value;
}
