/**
 * Rotation of a key's material: a new version becomes CURRENT and the previous CURRENT one stays as NON_CURRENT, so
 * ciphertexts made with it still decrypt. Automatic rotation exists for symmetric encryption keys with AWS KMS key
 * material only; on-demand rotation also for symmetric keys with imported material (to the PENDING_ROTATION one).
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
 */
import type { KeyMaterialRecord, KeyRecord } from './records.ts';

export const DEFAULT_ROTATION_PERIOD_DAYS = 365;

/**
 * RotateKeyOnDemand calls allowed per key. The recording (April 2025) refuses the 11th; the June 2026 API reference
 * says 25.
 */
export const ON_DEMAND_ROTATION_LIMIT = 10;

export const rotatesAutomatically = (key: Pick<KeyRecord, 'keySpec' | 'origin'>): boolean =>
  key.keySpec === 'SYMMETRIC_DEFAULT' && key.origin === 'AWS_KMS';

/** The materials after `next` (already in the list when it was PENDING_ROTATION) becomes CURRENT. */
export function rotateTo(
  materials: readonly KeyMaterialRecord[],
  next: KeyMaterialRecord,
): KeyMaterialRecord[] {
  const previous = materials
    .filter((m) => m.id !== next.id)
    .map((m): KeyMaterialRecord => (m.state === 'CURRENT' ? { ...m, state: 'NON_CURRENT' } : m));
  const at = materials.findIndex((m) => m.id === next.id);
  const current: KeyMaterialRecord = { ...next, state: 'CURRENT' };
  if (at < 0) return [...previous, current];
  return [...previous.slice(0, at), current, ...previous.slice(at)];
}
