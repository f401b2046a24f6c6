import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where outbound vendor traffic may go (issue 8, SSRF). A base URL is checked when it is stored, but a hostname
 * can resolve somewhere else at call time (or be re-pointed later): so the address is checked again as the socket
 * connects, through the connector's DNS lookup, which is the address actually used (no window for rebinding).
 * Literal IPs skip DNS and are checked before the request.
 */
export interface EgressPolicy {
  /** Every private, loopback and link-local address is allowed (the built-in sandbox, tests). */
  allowPrivate: boolean;
  /** Hostnames that may resolve to private addresses (a vendor sandbox on the same network, e.g. `sandbox`). */
  allowHosts: readonly string[];
  /** DNS for tests; dns.lookup by default. */
  lookup?: (hostname: string) => Promise<LookupAddress[]>;
}

/** Permissive until the app sets its policy at boot: adapters used as a library (contract tests) talk to 127.0.0.1. */
let current: EgressPolicy = { allowPrivate: true, allowHosts: [] };

export function setEgressPolicy(policy: EgressPolicy): void {
  current = policy;
}

export function getEgressPolicy(): EgressPolicy {
  return current;
}

/** The address ranges no vendor lives in: this host, private networks, link-local (cloud metadata), reserved. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

export function isBlockedAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  const v = isIP(ip);
  if (v === 4) return BLOCKED.check(ip, 'ipv4');
  if (v === 6) {
    // IPv4-mapped (::ffff:10.0.0.1) reaches the IPv4 address.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
    return BLOCKED.check(ip, 'ipv6');
  }
  return false;
}

/**
 * The one private-host check, for a hostname or a literal address: names that stay on this host or its network
 * (localhost, *.localhost, *.internal, *.local) and every refused address range above. A base URL is checked with
 * it when stored (services), and again at call time (checkUrlHost, and guardedLookup for what DNS answers).
 */
export function isPrivateHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.internal') || h.endsWith('.local')) return true;
  return isBlockedAddress(h);
}

/** Raised when a vendor host is (or resolves to) a refused address; never carries the address to clients. */
export class EgressRefused extends Error {
  constructor(readonly hostname: string) {
    super('the vendor host is, or resolves to, a private, loopback or link-local address');
    this.name = 'EgressRefused';
  }
}

function hostAllowed(policy: EgressPolicy, hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return policy.allowPrivate || policy.allowHosts.some((a) => a.toLowerCase() === h);
}

/** Refuses a URL whose host is a literal refused address (those never reach DNS). */
export function checkUrlHost(url: string | URL, policy: EgressPolicy = current): void {
  const { hostname } = typeof url === 'string' ? new URL(url) : url;
  if (hostAllowed(policy, hostname)) return;
  if (isPrivateHost(hostname)) throw new EgressRefused(hostname);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A net.connect `lookup` that refuses hostnames resolving to a refused address (any of them, not just the first). */
export function guardedLookup(fixed?: EgressPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number | string } | LookupCallback, cb?: LookupCallback): void => {
    const policy = fixed ?? current;
    const callback = (typeof options === 'function' ? options : cb)!;
    const opts = typeof options === 'function' ? {} : options;
    const resolve =
      policy.lookup ?? ((h: string) => new Promise<LookupAddress[]>((ok, fail) => dnsLookup(h, { all: true }, (e, a) => (e ? fail(e) : ok(a)))));
    resolve(hostname).then(
      (addresses) => {
        if (!hostAllowed(policy, hostname) && addresses.some((a) => isBlockedAddress(a.address))) {
          callback(new EgressRefused(hostname) as NodeJS.ErrnoException, opts.all ? [] : '', 4);
          return;
        }
        const wanted = opts.family === 6 || opts.family === 'IPv6' ? 6 : opts.family === 4 || opts.family === 'IPv4' ? 4 : 0;
        const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
        if (usable.length === 0) {
          const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }) as NodeJS.ErrnoException;
          callback(err, opts.all ? [] : '', 4);
          return;
        }
        if (opts.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (e: NodeJS.ErrnoException) => callback(e, opts.all ? [] : '', 4),
    );
  };
}

/** Whether an error (or its causes, as undici nests them) is an egress refusal. */
export function egressRefusalIn(e: unknown): EgressRefused | undefined {
  for (let x = e, i = 0; x && i < 6; x = (x as { cause?: unknown }).cause, i++) {
    if (x instanceof EgressRefused) return x;
    if (x instanceof Error && x.name === 'EgressRefused') return x as EgressRefused;
  }
  return undefined;
}
