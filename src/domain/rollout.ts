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

/** A roll-out's end states: a progress subscription ends after one of these. */
export const TERMINAL_STATUSES: readonly RolloutStatus[] = ['CANCELLED', 'COMPLETED', 'COMPLETED_WITH_ERRORS'];

export function emptyStats(): RolloutStats {
  return { pending: 0, written: 0, alreadyInSync: 0, failed: 0, recentItems: 0, recentRequests: 0, windowSeconds: 1 };
}

/** Whom a roll-out reaches: exactly one of these (services/rollout.service.ts validates it). */
export interface RolloutScope {
  all?: boolean | null;
  personIds?: string[] | null;
  locationId?: string | null;
}

/** What one attempt at one person answered (migrations/0007): kept on the person, the last HISTORY_LIMIT of them. */
export interface AttemptEntry {
  /** The person's attempt number (claims counted since the roll-out started). */
  attempt: number;
  /** 0 for the roll-out itself, then one per retryFailedRolloutPeople. */
  round: number;
  at: string;
  /** WRITTEN, ALREADY_IN_SYNC, FAILED, or WAITING (the vendor was unavailable: the person stays pending). */
  outcome: 'WRITTEN' | 'ALREADY_IN_SYNC' | 'FAILED' | 'WAITING';
  code: string | null;
  message: string | null;
  requests: number;
}
