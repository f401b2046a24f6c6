import type { FaultController } from './faults';
import type { RateLimiter } from './rate-limit';
import type { RequestCounts, RequestsSnapshot } from './request-log';
import type { ExchangeListener, SandboxServer } from './server';

/** What every vendor emulator offers besides its vendor-specific helpers. */
export interface Emulator<S> {
  readonly name: string;
  /** Starts listening; resolves to the origin, e.g. http://127.0.0.1:40123 (control routes live under /__sandbox/). */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Origin of the running server. */
  readonly url: string;
  /** Where the vendor's API lives under the origin, as the vendor's docs call their base URL. */
  readonly apiBaseUrl: string;
  readonly faults: FaultController;
  readonly limiter: RateLimiter;
  requests(options?: { since?: number; limit?: number }): RequestsSnapshot;
  counts(): RequestCounts;
  /** Clears log, counts, faults and limiter buckets; with state: true also restores the seed state. */
  reset(options?: { state?: boolean }): void;
  /** The live vendor state; mutate it to simulate an admin changing things in the vendor's UI. */
  readonly state: S;
  /** Observes every vendor exchange, unredacted (for contract tests); returns the function that stops it. */
  tap(listener: ExchangeListener): () => void;
}

export function baseEmulator<S>(server: SandboxServer, apiPath: string, state: () => S): Emulator<S> {
  return {
    name: server.name,
    listen: (port, host) => server.listen(port, host),
    close: () => server.close(),
    get url() {
      return server.url;
    },
    get apiBaseUrl() {
      return server.url + apiPath;
    },
    faults: server.faults,
    limiter: server.limiter,
    requests: (options) => server.requests(options),
    counts: () => server.counts(),
    reset: (options) => server.reset(options),
    get state() {
      return state();
    },
    tap: (listener) => server.tap(listener),
  };
}

/** Adds vendor helpers to a base emulator without evaluating its getters (url, state, ...). */
export function extendEmulator<B extends object, E extends object>(base: B, extras: E): B & E {
  const out = {} as B & E;
  Object.defineProperties(out, Object.getOwnPropertyDescriptors(base));
  Object.defineProperties(out, Object.getOwnPropertyDescriptors(extras));
  return out;
}
