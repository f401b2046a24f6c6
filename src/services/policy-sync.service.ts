import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { AppError } from '../domain/errors';
import type { PolicyScope, RecordingRules } from '../domain/policy';
import type { AppDb } from '../store/db';
import { bossSchemaOf, jobDbOf } from '../store/job-queue';
import type { RecordingPolicyRow } from '../store/schema';
import { getVendor } from '../vendors/registry';
import type { ConnectionService } from './connection.service';
import type { EventBus } from '../store/event-bus';
import type { ServiceDeps } from './deps';
import { storedError } from './vendor-errors';
import { holdsWork, retryAfterOf } from './rollout-holds';

export const POLICY_SYNC_QUEUE = 'policy-sync';

export interface PolicySyncSettings {
  /** First retry delay; doubled per attempt when backoff is on (pg-boss adds jitter). */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /**
   * How long one desired version keeps being retried after unexpected errors (ours, not the vendor's) before it is
   * marked FAILED. A vendor that is unavailable never fails a policy: past the deadline it stays PENDING, retried at
   * most every HOLD_MAX_DELAY_SECONDS, and each attempt logs that it is overdue.
   */
  deadlineSeconds: number;
  /** A job whose worker died is retried after this long. */
  expireInSeconds: number;
  /** Jobs one worker fetches at once; its next fetch waits for the slowest of them. */
  batchSize: number;
  /**
   * Workers per replica, each fetching on its own: a batch held by a slow vendor (up to its total timeout) holds only
   * its worker, the others go on with other policies.
   */
  workers: number;
  pollingIntervalSeconds: number;
  /** Run workers in this process (every replica does by default). */
  runWorkers: boolean;
}

export const DEFAULT_SYNC_SETTINGS: PolicySyncSettings = {
  retryDelaySeconds: 2,
  retryBackoff: true,
  deadlineSeconds: 24 * 3600,
  expireInSeconds: 300,
  batchSize: 5,
  workers: 3,
  pollingIntervalSeconds: 2,
  runWorkers: true,
};

type Outcome = 'done' | { retryInSeconds: number };

/** A push's hold on its policy (renewed every third of it while the push runs); one a dead process left ends after it. */
const SYNC_LEASE_MS = 15_000;

/** While the vendor is unavailable a policy is tried at least this often, however many attempts it took. */
export const HOLD_MAX_DELAY_SECONDS = 60;

/**
 * Delivers desired policy versions to vendors through a pg-boss queue. A job only names the policy: the worker
 * always pushes the latest desired version, so an older job finding a newer version pushes that one (or nothing,
 * when it is already in sync). The queue is `short` with the policy id as singleton key: at most one job per policy
 * waits. A push first takes the policy's lease (migration 0015), so a policy is never pushed twice at once across
 * replicas; a job that finds the lease taken tries again a second later (the holder may have read an older version).
 * The queue was `stately` (one waiting and one active job per policy): pg-boss then fetched nothing at all while the
 * oldest waiting job's policy was being pushed, so one slow vendor held every tenant's policy changes
 * (test/policies/sync-queue.test.ts).
 */
export class PolicySyncService {
  private readonly workerIds: string[] = [];
  private stopping = false;
  readonly stats = { pushes: 0, retries: 0, skipped: 0, failed: 0, leaseWaits: 0 };

  constructor(
    private readonly deps: ServiceDeps,
    private readonly connections: ConnectionService,
    private readonly events: EventBus,
    private readonly boss: PgBoss,
    readonly settings: PolicySyncSettings,
  ) {}

  async start(): Promise<void> {
    await this.boss.createQueue(POLICY_SYNC_QUEUE, { name: POLICY_SYNC_QUEUE, policy: 'short' });
    // A queue made by an earlier version is `stately`: new jobs take the queue's policy (jobs already queued keep theirs).
    await this.boss.updateQueue(POLICY_SYNC_QUEUE, { name: POLICY_SYNC_QUEUE, policy: 'short' });
    if (!this.settings.runWorkers) return;
    for (let i = 0; i < Math.max(1, this.settings.workers); i++)
      this.workerIds.push(
        await this.boss.work<{ policyId: string; requestId?: string }>(
          POLICY_SYNC_QUEUE,
          { batchSize: this.settings.batchSize, pollingIntervalSeconds: this.settings.pollingIntervalSeconds },
          (jobs) => this.handle(jobs),
        ),
      );
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workerIds.map((id) => this.boss.offWork({ id } as never).catch(() => undefined)));
  }

  /** Writes the job in the caller's transaction: it exists exactly when the desired state it serves does. */
  async enqueue(tx: AppDb, policyId: string, requestId?: string): Promise<void> {
    await this.boss.send(
      POLICY_SYNC_QUEUE,
      // The request id travels with the job, so the vendor sees the same id as our logs and audit trail.
      { policyId, requestId },
      {
        singletonKey: policyId,
        // Retries are bounded by the policy's deadline, checked by the worker; this only has to outlast it.
        retryLimit: 100_000,
        retryDelay: this.settings.retryDelaySeconds,
        retryBackoff: this.settings.retryBackoff,
        expireInSeconds: this.settings.expireInSeconds,
        db: jobDbOf(tx),
      },
    );
  }

  deadline(): Date {
    return new Date(Date.now() + this.settings.deadlineSeconds * 1000);
  }

  /** Wakes this process's worker at once instead of at its next poll. */
  wake(): void {
    if (this.stopping) return;
    for (const id of this.workerIds) this.boss.notifyWorker(id);
  }

  /** Resolves at the first sync outcome for `version` (or a newer one) of the policy, or after `timeoutMs`. */
  async waitForOutcome(policyId: string, version: number, timeoutMs: number): Promise<{ wait(): Promise<void>; cancel(): void }> {
    const it = await this.events.subscribe((e) => e.type === 'RECORDING_POLICY' && e.id === policyId && (e.version ?? 0) >= version);
    let timer: NodeJS.Timeout | undefined;
    const cancel = () => {
      if (timer) clearTimeout(timer);
      void it.return?.();
    };
    return {
      cancel,
      wait: async () => {
        await Promise.race([it.next(), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
        cancel();
      },
    };
  }

  private async handle(jobs: PgBoss.Job<{ policyId: string; requestId?: string }>[]): Promise<void> {
    await Promise.all(
      jobs.map(async (job) => {
        let outcome: Outcome;
        try {
          outcome = await this.process(job.data.policyId, job.data.requestId);
        } catch (e) {
          this.deps.logger.error({ err: e, policyId: job.data.policyId }, 'policy sync job failed unexpectedly');
          outcome = { retryInSeconds: this.settings.retryDelaySeconds };
        }
        if (outcome !== 'done') {
          this.stats.retries++;
          await this.boss.fail(POLICY_SYNC_QUEUE, job.id, { retry: true }).catch(() => undefined);
          // pg-boss doubles the delay per retry up to 2^16 times the first (a day and more): an outage must not leave
          // a policy waiting that long once the vendor is back, so the retry is brought forward to our own bound.
          await this.deps.database
            .rawQuery(
              `UPDATE ${bossSchemaOf(this.deps.database)}.job SET start_after = least(start_after, now() + make_interval(secs => $2::float8)) WHERE id = $1 AND state = 'retry'`,
              [job.id, outcome.retryInSeconds],
            )
            .catch(() => undefined);
        }
      }),
    );
  }

  private async publish(tx: AppDb, row: RecordingPolicyRow, kind: string): Promise<void> {
    await this.events.publish(tx, { tenantId: row.tenantId, type: 'RECORDING_POLICY', kind, id: row.id, version: row.version });
  }

  /** Every vendor attempt is in the audit trail, with what the vendor answered. */
  private async audit(
    tx: AppDb,
    row: RecordingPolicyRow,
    status: string,
    error: unknown,
    requestId: string | undefined,
    requests?: unknown,
  ): Promise<void> {
    await this.deps.stores.audit.record(tx, {
      tenantId: row.tenantId,
      actor: 'system:policy-sync',
      action: 'policy.sync',
      targetType: 'RecordingPolicy',
      targetId: row.id,
      after: { syncStatus: status, version: row.version },
      outcome: { status, error, requests: requests ?? null, attempt: row.syncAttempts },
      requestId,
    });
  }

  /**
   * One attempt for the latest desired version of one policy, under its lease: the row is read again once the lease
   * is held, so a push never starts from a version older than what the previous push (ended or not) saw.
   */
  async process(policyId: string, requestId?: string): Promise<Outcome> {
    const { stores } = this.deps;
    const [seen] = await stores.policies.byIds(null, [policyId]);
    if (!seen || this.settled(seen)) return 'done';
    const owner = randomUUID();
    if (!(await stores.policies.takeSyncLease(policyId, owner, SYNC_LEASE_MS))) {
      // Another push of this policy runs (here or on another replica): try again once it may have ended.
      this.stats.leaseWaits++;
      return { retryInSeconds: 1 };
    }
    const renew = setInterval(() => void stores.policies.takeSyncLease(policyId, owner, SYNC_LEASE_MS).catch(() => undefined), SYNC_LEASE_MS / 3);
    renew.unref();
    try {
      const [row] = await stores.policies.byIds(null, [policyId]);
      if (!row || this.settled(row)) return 'done';
      return await this.attempt(row, requestId);
    } finally {
      clearInterval(renew);
      await stores.policies.releaseSyncLease(policyId, owner).catch(() => undefined);
    }
  }

  /** In sync with its latest version, or refused by the vendor (waits for a change or retrySync): nothing to push. */
  private settled(row: RecordingPolicyRow): boolean {
    if ((row.syncStatus === 'IN_SYNC' && row.syncedVersion === row.version) || row.syncStatus === 'FAILED') {
      this.stats.skipped++;
      return true;
    }
    return false;
  }

  private async attempt(row: RecordingPolicyRow, requestId: string | undefined): Promise<Outcome> {
    const { stores, logger } = this.deps;
    const overdue = !!row.syncDeadline && row.syncDeadline.getTime() < Date.now();
    // Only our own unexpected errors give up at the deadline; a vendor that is away is waited for.
    if (overdue && row.lastSyncError?.code === 'INTERNAL_SERVER_ERROR') {
      await stores.db.transaction(async (tx) => {
        const updated = await stores.policies.recordSync(tx, row.id, row.version, {
          syncStatus: 'FAILED',
          lastSyncError: {
            ...(row.lastSyncError ?? { code: 'VENDOR_UNAVAILABLE', message: 'The vendor did not answer', at: new Date().toISOString() }),
            message: `Gave up after the sync deadline: ${row.lastSyncError?.message ?? 'unexpected error'}`,
          },
        });
        if (updated) {
          await this.publish(tx, updated, 'FAILED');
          await this.audit(tx, updated, 'FAILED', updated.lastSyncError, requestId);
        }
      });
      this.stats.failed++;
      logger.warn({ policyId: row.id, version: row.version, code: 'INTERNAL_SERVER_ERROR' }, 'policy sync gave up after its deadline');
      return 'done';
    }
    if (overdue)
      logger.warn(
        { policyId: row.id, version: row.version, attempts: row.syncAttempts, code: row.lastSyncError?.code ?? null },
        'policy sync overdue: still waiting for the vendor',
      );
    const { record, ctx } = await this.connections.vendorContextForScope(null, row.connectionId, requestId);
    const vendor = getVendor(record.vendor);
    const scope: PolicyScope = { kind: row.scopeKind as PolicyScope['kind'], id: row.scopeId };
    this.stats.pushes++;
    try {
      const outcome = await vendor.applyPolicy!(ctx, scope, row.rules as RecordingRules);
      await stores.db.transaction(async (tx) => {
        const updated = await stores.policies.recordSync(tx, row.id, row.version, {
          syncStatus: 'IN_SYNC',
          syncedVersion: row.version,
          lastSyncError: null,
          lastVendorPayload: outcome.requests.length === 1 ? (outcome.requests[0]!.body ?? null) : outcome.requests.map((r) => r.body),
          lastRequests: outcome.requests,
          lastSyncedAt: new Date(),
          drift: null,
          countAttempt: true,
        });
        if (updated) {
          await this.publish(tx, updated, 'IN_SYNC');
          await this.audit(tx, updated, 'IN_SYNC', null, requestId, outcome.requests);
        }
      });
      return 'done';
    } catch (e) {
      const error = storedError(e);
      // Down, throttling, breaker open, credentials refused: the policy waits (PENDING) past any attempt count; only
      // the vendor refusing these settings for this scope fails it.
      const retryable = holdsWork(e);
      if (!(e instanceof AppError)) logger.error({ err: e, policyId: row.id }, 'policy push failed unexpectedly');
      else if (!retryable)
        logger.warn(
          { policyId: row.id, version: row.version, code: error.code, message: error.message },
          'policy sync failed: the vendor refused it',
        );
      await stores.db.transaction(async (tx) => {
        const updated = await stores.policies.recordSync(tx, row.id, row.version, {
          syncStatus: retryable ? 'PENDING' : 'FAILED',
          lastSyncError: error,
          countAttempt: true,
        });
        if (updated) {
          await this.publish(tx, updated, retryable ? 'RETRYING' : 'FAILED');
          await this.audit(tx, updated, retryable ? 'RETRYING' : 'FAILED', error, requestId);
        }
      });
      if (!retryable) {
        this.stats.failed++;
        return 'done';
      }
      const backoff = this.settings.retryBackoff
        ? this.settings.retryDelaySeconds * 2 ** Math.min(16, row.syncAttempts)
        : this.settings.retryDelaySeconds;
      const vendorSays = (retryAfterOf(e) ?? 0) / 1000;
      return { retryInSeconds: Math.max(vendorSays, Math.min(HOLD_MAX_DELAY_SECONDS, backoff)) };
    }
  }
}
