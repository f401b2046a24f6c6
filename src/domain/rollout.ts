/** A bulk roll-out's states and counts, as the API shows them (the store keeps them; see store/rollout.store.ts). */
export const ROLLOUT_STATUSES = ['RUNNING', 'PAUSED', 'CANCELLED', 'COMPLETED', 'COMPLETED_WITH_ERRORS'] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];
export const ITEM_STATUSES = ['PENDING', 'WRITTEN', 'ALREADY_IN_SYNC', 'FAILED'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface RolloutStats {
  pending: number;
  written: number;
  alreadyInSync: number;
  failed: number;
  /** Items finished, and vendor requests they took, in the recent window. */
  recentItems: number;
  recentRequests: number;
  /** Seconds the window spans (10, or less right after a start or resume). */
  windowSeconds: number;
}
