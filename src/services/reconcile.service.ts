import type PgBoss from 'pg-boss';
import type { ServiceDeps } from './index';
import type { PolicyService } from './policy.service';

export const RECONCILE_QUEUE = 'policy-reconcile';

export interface ReconcileSettings {
  /** Seconds between runs; 0 turns scheduled reconciliation off. */
  intervalSeconds: number;
  pollingIntervalSeconds: number;
  runWorkers: boolean;
}

/**
 * Drift on a schedule: every interval, one replica reads every policy back from its vendor
 * (PolicyService.reconcileRow), which marks DRIFTED with the field diff and publishes it.
 *
 * A repeating pg-boss job rather than `boss.schedule`: cron has minute resolution, intervals here are seconds.
 * The queue is `stately` with one key, so however many replicas run, one run is active and one is queued; each run
 * queues the next when it ends, so runs never overlap.
 */
export class ReconcileService {
  private workerId?: string;
  readonly stats = { runs: 0, checked: 0, drifted: 0, errors: 0 };

  constructor(
    private readonly deps: ServiceDeps,
    private readonly policies: PolicyService,
    private readonly boss: PgBoss,
    readonly settings: ReconcileSettings,
  ) {}

  async start(): Promise<void> {
    await this.boss.createQueue(RECONCILE_QUEUE, { name: RECONCILE_QUEUE, policy: 'stately' });
    if (!(this.settings.intervalSeconds > 0) || !this.settings.runWorkers) return;
    this.workerId = await this.boss.work(RECONCILE_QUEUE, { batchSize: 1, pollingIntervalSeconds: this.settings.pollingIntervalSeconds }, async () => {
      try {
        await this.runOnce();
      } finally {
        await this.scheduleNext();
      }
    });
    await this.scheduleNext();
  }

  async stop(): Promise<void> {
    if (this.workerId) await this.boss.offWork({ id: this.workerId } as never).catch(() => undefined);
  }

  private async scheduleNext(): Promise<void> {
    await this.boss.send(RECONCILE_QUEUE, {}, { singletonKey: 'tick', startAfter: this.settings.intervalSeconds, expireInSeconds: 3600, retryLimit: 0 });
  }

  /** One pass over every policy. A policy still PENDING is left to its sync job; a vendor error skips one policy. */
  async runOnce(): Promise<{ checked: number; drifted: number; errors: number }> {
    const { stores, logger } = this.deps;
    let after: string | null = null;
    const run = { checked: 0, drifted: 0, errors: 0 };
    for (;;) {
      const page = await stores.policies.pageAll({ first: 100, after });
      for (const row of page.items) {
        if (row.syncStatus === 'PENDING') continue;
        try {
          const { drift } = await this.policies.reconcileRow(null, row);
          run.checked++;
          if (drift.length) run.drifted++;
        } catch (e) {
          run.errors++;
          logger.warn({ err: e, policyId: row.id }, 'scheduled reconcile of a policy failed');
        }
      }
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    this.stats.runs++;
    this.stats.checked += run.checked;
    this.stats.drifted += run.drifted;
    this.stats.errors += run.errors;
    return run;
  }
}
