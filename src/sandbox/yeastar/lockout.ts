import type { Reply } from '../common';

export interface LoginLockoutOptions {
  /** Consecutive failed logins from one address that block it. Default 5 (Yeastar's docs). */
  maxFailures?: number;
  /** How long the block lasts. Default 600 s (Yeastar's docs: ten minutes). */
  blockSeconds?: number;
}

export interface LoginLockoutStats {
  /** Consecutive failures per address that is not blocked yet. */
  failures: Record<string, number>;
  /** Blocked addresses and the seconds left. */
  blocked: Record<string, number>;
}

/**
 * The PBX's defence against password guessing: after a few consecutive failed logins an address may not ask for a
 * token again until the block ends or an administrator deletes it from the blocked list (NOTES.md, lock-out).
 */
export class LoginLockout {
  private failures = new Map<string, number>();
  private blockedUntil = new Map<string, number>();
  readonly maxFailures: number;
  readonly blockMs: number;

  constructor(
    options: LoginLockoutOptions,
    private readonly now: () => number,
  ) {
    this.maxFailures = options.maxFailures ?? 5;
    this.blockMs = (options.blockSeconds ?? 600) * 1000;
  }

  /** The refusal for a blocked address, or null when it may log in. */
  refusal(address: string): Reply | null {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return null;
    const left = Math.ceil((until - this.now()) / 1000);
    if (left <= 0) {
      this.blockedUntil.delete(address);
      return null;
    }
    return {
      status: 200,
      body: {
        errcode: 10005,
        errmsg: 'ACCESS DENIED',
        submsg: `IP BLOCKED: too many failed logins from ${address}; retry in ${left} s or delete the address from the blocked IP list`,
      },
    };
  }

  failed(address: string): void {
    const count = (this.failures.get(address) ?? 0) + 1;
    if (count >= this.maxFailures) {
      this.failures.delete(address);
      this.blockedUntil.set(address, this.now() + this.blockMs);
    } else this.failures.set(address, count);
  }

  succeeded(address: string): void {
    this.failures.delete(address);
  }

  /** As an administrator deleting an address (or all) from the blocked IP list. */
  unblock(address?: string): void {
    if (address === undefined) {
      this.blockedUntil.clear();
      this.failures.clear();
    } else {
      this.blockedUntil.delete(address);
      this.failures.delete(address);
    }
  }

  stats(): LoginLockoutStats {
    const t = this.now();
    const blocked: Record<string, number> = {};
    for (const [ip, until] of this.blockedUntil) if (until > t) blocked[ip] = Math.ceil((until - t) / 1000);
    return { failures: Object.fromEntries(this.failures), blocked };
  }
}

/** The client's address as the PBX sees it (IPv4-mapped IPv6 written as IPv4). */
export function clientAddress(remoteAddress: string): string {
  return remoteAddress.replace(/^::ffff:/, '');
}

/**
 * Wrong client id or secret, as the developer guide's "Response Result" page shows it: -1 FAILURE, the field named
 * "username or password".
 */
export function badCredentials(): Reply {
  return { status: 200, body: { errcode: -1, errmsg: 'FAILURE', invalid_param_list: [{ field: 'username or password', value: 'error' }] } };
}
