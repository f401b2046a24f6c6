/** How roll-outs run in one replica (config.ts ROLLOUT_*; ../ROLLOUTS.md says why these figures). */
export interface RolloutSettings {
  /** Caps the connection's own request rate (0: no cap). */
  rateCap: number;
  /** pg-boss jobs per roll-out: the most workers (over all replicas) one roll-out is shared by. */
  jobs: number;
  /** Jobs this replica runs at once (0: none). */
  workers: number;
  /** People one job works on at once. */
  lanes: number;
  /** Short, and renewed every third of it while the work runs (a dead replica's people are free within one lease). */
  leaseSeconds: number;
  /** While the vendor is unavailable, the next attempt comes after twice the time waited so far, within these bounds. */
  holdMinMs: number;
  holdMaxMs: number;
  /** A job hands over to a fresh one after this long (a dead replica's job then expires quickly). */
  sliceSeconds: number;
  pollingIntervalSeconds: number;
  /** At most one progress event per roll-out per replica in this interval. */
  progressIntervalMs: number;
}

export const DEFAULT_ROLLOUT_SETTINGS: RolloutSettings = {
  rateCap: 0,
  jobs: 4,
  workers: 2,
  lanes: 8,
  leaseSeconds: 10,
  holdMinMs: 1000,
  holdMaxMs: 30_000,
  sliceSeconds: 120,
  pollingIntervalSeconds: 2,
  progressIntervalMs: 500,
};
