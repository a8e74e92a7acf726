import type { Store } from '../store/open-store.js';

export type DestroyPreregistrationsResult = { due: false } | { due: true; destroyed: number };

/**
 * The scheduled destruction of pre-registration personal data (개인정보 파기): once `now` reaches the
 * configured end of the pre-registration purpose, every registration's personal fields are destroyed
 * and only counts remain. Before that it does nothing. Idempotent, so a daily job may call it.
 */
export async function destroyPreregistrationsIfDue(
  store: Pick<Store, 'preregistrations'>,
  input: { purposeEndsAt: number; now: number },
): Promise<DestroyPreregistrationsResult> {
  if (input.now < input.purposeEndsAt) return { due: false };
  return { due: true, destroyed: await store.preregistrations.destroyPersonalData(input.now) };
}
