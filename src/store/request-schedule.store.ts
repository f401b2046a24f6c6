import { sql } from 'drizzle-orm';
import type { AppDb } from './db';

/** A reservation on a connection's schedule, in epoch ms of the database clock. */
export interface SlotBlock {
  /** The first slot reserved; the others follow it `intervalMs` apart. */
  firstAtMs: number;
  /** The database's clock when it answered (the caller converts slots to its own clock with it). */
  dbNowMs: number;
}

/**
 * The request schedule one vendor connection shares over every replica (`vendor_request_schedule`, migration 0005):
 * whoever sends bulk requests to a connection (roll-outs, the scheduled reconcile) reserves slots here, so the sum
 * over replicas stays at the vendor's rate (services/rollout-pacer.ts hands the slots out in one process).
 */
export class RequestScheduleStore {
  constructor(private readonly db: AppDb) {}

  /**
   * Reserves `count` request slots `intervalMs` apart on the connection's shared schedule (a GCRA: the schedule's
   * next free instant moves forward by count * interval, never starting before now). Answers the first slot and
   * the database's clock. One statement per block, whatever the number of replicas.
   */
  async reserveSlots(connectionId: string, count: number, intervalMs: number): Promise<SlotBlock> {
    const span = count * intervalMs;
    const result = await this.db.execute(sql`
      INSERT INTO vendor_request_schedule AS s (connection_id, next_at)
      VALUES (${connectionId}, clock_timestamp() + make_interval(secs => ${span / 1000}))
      ON CONFLICT (connection_id) DO UPDATE SET next_at = greatest(s.next_at, clock_timestamp()) + make_interval(secs => ${span / 1000})
      RETURNING (extract(epoch FROM next_at) * 1000)::float8 AS next_ms, (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now_ms`);
    const [row] = ((result as { rows?: { next_ms: number; now_ms: number }[] }).rows ?? []) as { next_ms: number; now_ms: number }[];
    return { firstAtMs: Number(row!.next_ms) - span, dbNowMs: Number(row!.now_ms) };
  }
}
