import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';

/** A real graphql-ws client against the running service. */
export function wsClient(httpUrl: string, token: string | null): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Collects a subscription's results until stopped. */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown>) {
  const results: { data?: T; errors?: any[] }[] = [];
  let error: unknown;
  let complete = false;
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (r) => {
        results.push(r as never);
        notify();
      },
      error: (e) => {
        error = e;
        notify();
      },
      complete: () => {
        complete = true;
        notify();
      },
    },
  );
  return {
    results,
    get error() {
      return error;
    },
    get complete() {
      return complete;
    },
    stop,
    /** Waits until `pred` holds over the results so far (bounded: fails after `ms`). */
    async until(pred: (r: typeof results) => boolean, ms = 10_000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!pred(results)) {
        if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
        if (Date.now() > deadline) throw new Error(`subscription condition not met; got ${JSON.stringify(results)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
    },
  };
}
