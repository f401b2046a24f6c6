import { Agent, fetch as undiciFetch } from 'undici';
import { AppError } from '../domain/errors';
import { checkUrlHost, egressRefusalIn, guardedLookup } from './egress';

export interface MediaFetchLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_MEDIA_LIMITS: MediaFetchLimits = { maxBytes: 50 * 1024 * 1024, timeoutMs: 30_000, maxRedirects: 3 };

/**
 * Part of the shared outbound layer (beside http.ts and egress.ts): the live sub-port's `recordingMedia` names where a
 * finished recording is and how to authenticate; this downloads it from its vendor, and from nowhere else: every URL, redirects included, must stay
 * on the vendor connection's own host. Size, time and redirects are bounded; errors never carry the URL.
 */
export async function fetchVendorMedia(
  url: string,
  headers: Record<string, string>,
  allowedOrigin: string,
  limits: MediaFetchLimits = DEFAULT_MEDIA_LIMITS,
): Promise<{ bytes: Buffer; contentType: string | null }> {
  const allowed = new URL(allowedOrigin);
  const unavailable = (message: string) => new AppError('VENDOR_UNAVAILABLE', message, { retryable: true });
  const signal = AbortSignal.timeout(limits.timeoutMs);
  // The vendor's host may resolve somewhere else at download time than when its base URL was stored.
  const dispatcher = new Agent({ connect: { timeout: Math.min(limits.timeoutMs, 10_000), lookup: guardedLookup() } });
  const privateRefused = () =>
    new AppError('VENDOR_REJECTED', "The recording's media host is, or resolves to, a private, loopback or link-local address; refusing to fetch it");
  try {
    let current = new URL(url);
    for (let hop = 0; ; hop++) {
      if (current.host !== allowed.host || current.protocol !== allowed.protocol) {
        throw new AppError('VENDOR_REJECTED', "The recording's media is not on its vendor connection's host; refusing to fetch it");
      }
      try {
        checkUrlHost(current);
      } catch {
        throw privateRefused();
      }
      let res: Awaited<ReturnType<typeof undiciFetch>>;
      try {
        res = await undiciFetch(current, { headers, redirect: 'manual', signal, dispatcher });
      } catch (e) {
        if (egressRefusalIn(e)) throw privateRefused();
        throw unavailable('Could not download the recording from its vendor (timeout or connection failure)');
      }
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        if (hop >= limits.maxRedirects)
          throw new AppError('VENDOR_REJECTED', `The recording's media redirects more than ${limits.maxRedirects} times`);
        current = new URL(res.headers.get('location')!, current);
        await res.body?.cancel();
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        if (res.status >= 500 || res.status === 429) throw unavailable(`The vendor answered ${res.status} for the recording's media`);
        throw new AppError('VENDOR_REJECTED', `The vendor answered ${res.status} for the recording's media`, { vendorCode: res.status });
      }
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > limits.maxBytes) {
        await res.body?.cancel();
        throw new AppError('VENDOR_REJECTED', `The recording is larger than ${limits.maxBytes} bytes`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const reader = res.body!.getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > limits.maxBytes) {
            await reader.cancel();
            throw new AppError('VENDOR_REJECTED', `The recording is larger than ${limits.maxBytes} bytes`);
          }
          chunks.push(Buffer.from(value));
        }
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw unavailable('The download of the recording was interrupted');
      }
      return { bytes: Buffer.concat(chunks), contentType: res.headers.get('content-type') };
    }
  } finally {
    void dispatcher.close().catch(() => undefined);
  }
}
