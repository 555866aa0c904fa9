/**
 * What the server remembers about each address across its connections, so
 * that reconnecting resets nothing: wrong passwords (and the lockout they
 * earn), the budget of new connections, the budget of join/leave notices.
 * Memory is bounded: entries expire, and at most MAX_ADDRESSES are kept.
 */
import { TokenBucket } from './limits.ts';

/** Addresses remembered at most, per table: beyond, the oldest is forgotten (an attacker with many addresses fills it, and gains nothing). */
const MAX_ADDRESSES = 10000;

export interface GuardOptions {
  /** Wrong passwords (room or /op) from one address within `lockoutWindow` s that lock it out for `lockoutSeconds` s. */
  lockoutFailures: number;
  lockoutWindow: number;
  lockoutSeconds: number;
  /** New connections from one address: `connectBurst` at once, then `connectRate` per second. */
  connectBurst: number;
  connectRate: number;
  /** Join and leave notices caused by one address: `noticeBurst` at once, then `noticeRate` per second. */
  noticeBurst: number;
  noticeRate: number;
}

/** A Map that forgets its oldest entry past MAX_ADDRESSES. */
class Bounded<V> extends Map<string, V> {
  override set(key: string, value: V): this {
    if (!this.has(key) && this.size >= MAX_ADDRESSES) this.delete(this.keys().next().value!);
    return super.set(key, value);
  }
}

export class AddressGuard {
  #failures = new Bounded<number[]>();
  #lockedUntil = new Bounded<number>();
  #connects = new Bounded<TokenBucket>();
  #notices = new Bounded<TokenBucket>();

  /** `onFailure`: told of each wrong password typed here (for the other servers of the room). */
  constructor(
    private readonly options: GuardOptions,
    private readonly onFailure: (ip: string, at: number) => void = () => {},
  ) {}

  // ------------------------------------------------------------------ passwords

  /** Seconds this address stays locked out of both passwords, or 0. */
  lockedFor(ip: string, now = Date.now()): number {
    const until = this.#lockedUntil.get(ip) ?? 0;
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  /** A wrong password from `ip`, typed here: true when this one locks the address out. */
  failed(ip: string, now = Date.now()): boolean {
    this.onFailure(ip, now);
    return this.heardFailure(ip, now);
  }

  /** A wrong password from `ip`, typed here or on another server of the room: true when this one locks the address out. */
  heardFailure(ip: string, now = Date.now()): boolean {
    if (this.lockedFor(ip, now) > 0) return false; // already locked: this one changes nothing
    const { lockoutFailures, lockoutWindow, lockoutSeconds } = this.options;
    const recent = (this.#failures.get(ip) ?? []).filter((at) => now - at < lockoutWindow * 1000);
    recent.push(now);
    if (recent.length < lockoutFailures) {
      this.#failures.set(ip, recent);
      return false;
    }
    this.#failures.delete(ip);
    this.#lockedUntil.set(ip, now + lockoutSeconds * 1000);
    return true;
  }

  // ------------------------------------------------------------------ churn

  /** May `ip` open one more connection now? (It takes one from its budget.) */
  mayConnect(ip: string, now = Date.now()): boolean {
    return take(this.#connects, ip, this.options.connectBurst, this.options.connectRate, now);
  }

  /** Seconds before `ip` may connect again. */
  connectWait(ip: string, now = Date.now()): number {
    return this.#connects.get(ip)?.wait(now) ?? 0;
  }

  /** May a member from `ip` be announced as joining now? (A leave is announced when its join was.) */
  mayAnnounce(ip: string, now = Date.now()): boolean {
    return take(this.#notices, ip, this.options.noticeBurst, this.options.noticeRate, now);
  }

  /** Seconds before `ip` may cause another notice. */
  noticeWait(ip: string, now = Date.now()): number {
    return this.#notices.get(ip)?.wait(now) ?? 0;
  }

  /** Forget what has expired (called by the server's sweeper). */
  sweep(now = Date.now()): void {
    for (const [ip, until] of this.#lockedUntil) if (until <= now) this.#lockedUntil.delete(ip);
    for (const [ip, times] of this.#failures) if (now - times.at(-1)! >= this.options.lockoutWindow * 1000) this.#failures.delete(ip);
    for (const table of [this.#connects, this.#notices]) for (const [ip, bucket] of table) if (bucket.full(now)) table.delete(ip);
  }
}

function take(table: Bounded<TokenBucket>, ip: string, burst: number, rate: number, now: number): boolean {
  let bucket = table.get(ip);
  if (!bucket) table.set(ip, (bucket = new TokenBucket(burst, rate, now)));
  return bucket.take(now);
}
