import { sql } from 'drizzle-orm';
import type { AppDb, Database } from '../store/db';

/** What changed, small enough for NOTIFY's 8000-byte payload: subscribers load the object itself. */
export interface DomainEvent {
  tenantId: string;
  type: 'LIVE_RECORDING' | 'RECORDING_POLICY' | 'ATTACHMENT' | 'POLICY_ROLLOUT' | 'RECORDING_STANDARD';
  kind: string;
  id: string;
  version?: number;
}

/**
 * Events through PostgreSQL NOTIFY, so every replica's subscribers see every change, and a change is announced only
 * when its transaction commits. One LISTEN connection per process fans out to local subscribers.
 */
export class EventBus {
  private readonly subscribers = new Set<(e: DomainEvent) => void>();
  private unlisten?: () => Promise<void>;
  private starting?: Promise<void>;
  readonly channel: string;

  constructor(private readonly database: Database) {
    this.channel = `recording_events_${database.pgSchema}`;
  }

  private ensureListening(): Promise<void> {
    this.starting ??= this.database
      .listen(this.channel, (payload) => {
        let event: DomainEvent;
        try {
          event = JSON.parse(payload) as DomainEvent;
        } catch {
          return;
        }
        for (const s of this.subscribers) s(event);
      })
      .then((stop) => {
        this.unlisten = stop;
      });
    return this.starting;
  }

  /** Publishes inside the caller's transaction (delivered on commit) or on its own. */
  async publish(tx: AppDb, event: DomainEvent): Promise<void> {
    await tx.execute(sql`SELECT pg_notify(${this.channel}, ${JSON.stringify(event)})`);
  }

  /** An async iterator of events matching `filter`; returning from it unsubscribes. */
  async subscribe(filter: (e: DomainEvent) => boolean): Promise<AsyncIterableIterator<DomainEvent>> {
    await this.ensureListening();
    const queue: DomainEvent[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const onEvent = (e: DomainEvent) => {
      if (!filter(e)) return;
      queue.push(e);
      wake?.();
    };
    this.subscribers.add(onEvent);
    const stop = () => {
      done = true;
      this.subscribers.delete(onEvent);
      wake?.();
    };
    const iterator: AsyncIterableIterator<DomainEvent> = {
      [Symbol.asyncIterator]() {
        return iterator;
      },
      async next() {
        while (!done && queue.length === 0) await new Promise<void>((r) => (wake = r));
        wake = undefined;
        if (queue.length) return { value: queue.shift()!, done: false };
        return { value: undefined, done: true };
      },
      async return() {
        stop();
        return { value: undefined, done: true };
      },
      async throw(err?: unknown) {
        stop();
        throw err;
      },
    };
    return iterator;
  }

  async close(): Promise<void> {
    for (const s of [...this.subscribers]) this.subscribers.delete(s);
    await this.unlisten?.();
  }
}
