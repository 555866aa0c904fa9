// #region bucket
/**
 * A token bucket: `burst` lines at once, then `rate` lines per second. Each
 * line takes a token; tokens come back at `rate` per second, up to `burst`.
 */
export class TokenBucket {
  #tokens: number;
  #updated: number;

  constructor(
    readonly burst: number,
    readonly rate: number,
    now = Date.now(),
  ) {
    this.#tokens = burst;
    this.#updated = now;
  }

  /** Take one token if there is one. */
  take(now = Date.now()): boolean {
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#updated) / 1000) * this.rate);
    this.#updated = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Is the bucket full again (nothing taken lately)? Then it can be forgotten. */
  full(now = Date.now()): boolean {
    return this.#tokens + ((now - this.#updated) / 1000) * this.rate >= this.burst;
  }

  /** Seconds until the next token. */
  wait(now = Date.now()): number {
    const tokens = Math.min(this.burst, this.#tokens + ((now - this.#updated) / 1000) * this.rate);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.rate);
  }
}
// #endregion bucket

/** Counts open connections per IP address. */
export class ConnectionCounter {
  #count = new Map<string, number>();

  get(ip: string): number {
    return this.#count.get(ip) ?? 0;
  }

  add(ip: string): void {
    this.#count.set(ip, this.get(ip) + 1);
  }

  remove(ip: string): void {
    const left = this.get(ip) - 1;
    if (left > 0) this.#count.set(ip, left);
    else this.#count.delete(ip);
  }
}

/** Is this address the machine itself (127.0.0.0/8, ::1, or IPv4 mapped into IPv6)? */
export function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}
