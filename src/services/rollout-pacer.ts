/**
 * Paces bulk requests to one vendor connection at `ratePerSecond` summed over every replica.
 *
 * Vendors meter per token, so replicas must share one budget. Each process reserves small blocks of request slots
 * on a schedule kept in PostgreSQL (RolloutStore.reserveSlots: a GCRA whose "next free instant" row moves forward
 * by block * interval), then hands the slots to its requests in order, sleeping until each slot's time. Replicas
 * joining or leaving change nothing: slots are handed out one block at a time, so the sum stays at the rate. A
 * block is ~100 ms of requests: one statement per block, and little is wasted when a roll-out pauses or ends.
 */
export interface SlotSource {
  /** Reserves `count` slots `intervalMs` apart; answers ms from now to the first. */
  reserveSlots(connectionId: string, count: number, intervalMs: number): Promise<number>;
}

/** A slot more than this late is dropped rather than used: sending it now would bunch requests up. */
const STALE_SLOT_MS = 500;

export class SharedPacer {
  private slots: number[] = [];
  private refilling?: Promise<void>;
  readonly intervalMs: number;
  readonly blockSize: number;
  /** Requests this pacer let through (each attempt of each request). */
  granted = 0;

  constructor(
    private readonly source: SlotSource,
    readonly connectionId: string,
    readonly ratePerSecond: number,
  ) {
    this.intervalMs = 1000 / ratePerSecond;
    this.blockSize = Math.max(1, Math.min(50, Math.round(ratePerSecond / 10)));
  }

  private refill(): Promise<void> {
    this.refilling ??= (async () => {
      try {
        const firstInMs = await this.source.reserveSlots(this.connectionId, this.blockSize, this.intervalMs);
        const start = Date.now() + firstInMs;
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
      // Reserve the next block before this one runs out, so the schedule never waits on the database.
      if (this.slots.length <= this.blockSize / 2 && !this.refilling) void this.refill().catch(() => undefined);
      const wait = at - Date.now();
      if (wait < -STALE_SLOT_MS) continue;
      if (wait > 0) await sleep(wait, signal);
      this.granted++;
      return;
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
