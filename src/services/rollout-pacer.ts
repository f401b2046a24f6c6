import type { RequestScheduleStore } from '../store/request-schedule.store';
import { sleep } from '../vendors/http';
import type { ConnectionContext } from '../vendors/port';
/**
 * Paces bulk requests to one vendor connection at `ratePerSecond` summed over every replica.
 *
 * Vendors meter per token, so replicas must share one budget. Each process reserves small blocks of request slots
 * on a schedule kept in PostgreSQL (RequestScheduleStore.reserveSlots: a GCRA whose "next free instant" row moves forward
 * by block * interval), then hands the slots to its requests in order, sleeping until each slot's time. Replicas
 * joining or leaving change nothing: slots are handed out one block at a time, so the sum stays at the rate. A
 * block is ~100 ms of requests: one statement per block, and little is wasted when a roll-out pauses or ends.
 */
/** Where slots come from: the connection's schedule in the store (a test may hand its own). */
type SlotSource = Pick<RequestScheduleStore, 'reserveSlots'>;

export class SharedPacer {
  private slots: number[] = [];
  private refilling?: Promise<void>;
  readonly intervalMs: number;
  readonly blockSize: number;
  /**
   * A slot later than this is dropped, not used. Slots are spaced exactly at the rate, so sending late ones
   * back to back is a burst: a vendor bucket of size b refilling at the rate stays positive as long as no slot is
   * used more than (b - 1) intervals late. Half of that leaves room for network jitter.
   */
  readonly maxLateMs: number;
  /** Slots dropped because every worker was busy at their time (capacity lost, not requests). */
  dropped = 0;
  private clockOffset = 0;
  private bestRtt = Number.POSITIVE_INFINITY;
  /** Requests this pacer let through (each attempt of each request). */
  granted = 0;

  constructor(
    private readonly source: SlotSource,
    readonly connectionId: string,
    readonly ratePerSecond: number,
    /** The burst the vendor tolerates (the connection limiter's bucket size). */
    burst: number,
  ) {
    this.intervalMs = 1000 / ratePerSecond;
    this.blockSize = Math.max(1, Math.min(50, Math.round(ratePerSecond / 10)));
    this.maxLateMs = Math.max(this.intervalMs / 2, ((Math.max(1, burst) - 1) * this.intervalMs) / 2);
  }

  private refill(): Promise<void> {
    this.refilling ??= (async () => {
      try {
        const sentAt = Date.now();
        const { firstAtMs, dbNowMs } = await this.source.reserveSlots(this.connectionId, this.blockSize, this.intervalMs);
        const receivedAt = Date.now();
        // Slots are instants of the database's clock. Converting them with "now + delay" would shift each block by
        // its own round trip and let blocks overlap (a burst); one offset, from the quickest round trip seen, keeps
        // every block where the schedule put it.
        const rtt = receivedAt - sentAt;
        if (rtt <= this.bestRtt) {
          this.bestRtt = rtt;
          this.clockOffset = dbNowMs - (sentAt + receivedAt) / 2;
        }
        const start = firstAtMs - this.clockOffset;
        for (let i = 0; i < this.blockSize; i++) this.slots.push(start + i * this.intervalMs);
      } finally {
        this.refilling = undefined;
      }
    })();
    return this.refilling;
  }

  /** Resolves at this caller's slot. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      while (this.slots.length === 0) await this.refill();
      const at = this.slots.shift()!;
      // Keep a block reserved ahead, so the schedule never waits on the database.
      if (this.slots.length < this.blockSize && !this.refilling) void this.refill().catch(() => undefined);
      const wait = at - Date.now();
      if (wait > 0) await sleep(wait, signal);
      // Checked after the sleep too: a busy event loop wakes many sleepers at once, late.
      if (Date.now() - at > this.maxLateMs) {
        this.dropped++;
        continue;
      }
      this.granted++;
      return;
    }
  }

  /** The context with every request of it waiting for its slot here; `count`, when given, counts the requests. */
  paced(ctx: ConnectionContext, count?: { n: number }): ConnectionContext {
    return {
      ...ctx,
      pace: async (signal) => {
        if (count) count.n++;
        await this.take(signal);
      },
    };
  }
}
