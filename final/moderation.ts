/**
 * What operators decided, remembered by the server beyond the connection it
 * was about: bans (by address, after a kick) and mutes (by address and by
 * nickname, so that neither reconnecting nor a new nickname lifts them).
 * Both end by themselves after a while, or when an operator lifts them.
 */

export interface Ban {
  ip: string;
  /** The nickname that was kicked, and by whom, and why: for /bans and the logs. */
  nick: string;
  by: string;
  reason: string;
  until: number;
}

interface Mute {
  ip: string;
  key: string;
  until: number;
}

/** Bans and mutes kept at most: the oldest go first (they would expire anyway). */
const MAX_ENTRIES = 10000;

export class Moderation {
  #bans = new Map<string, Ban>();
  #mutes: Mute[] = [];

  // ------------------------------------------------------------------ bans

  ban(ban: Ban): void {
    this.#bans.delete(ban.ip); // re-inserted last: the newest
    this.#bans.set(ban.ip, ban);
    if (this.#bans.size > MAX_ENTRIES) this.#bans.delete(this.#bans.keys().next().value!);
  }

  /** Seconds `ip` stays banned, or 0. */
  bannedFor(ip: string, now = Date.now()): number {
    const ban = this.#bans.get(ip);
    return ban && ban.until > now ? Math.ceil((ban.until - now) / 1000) : 0;
  }

  /** The bans in force, oldest first: /bans numbers them in this order. */
  bans(now = Date.now()): Ban[] {
    return [...this.#bans.values()].filter((ban) => ban.until > now);
  }

  /** Lift the ban on `ip`; the ban lifted, if there was one. */
  unban(ip: string): Ban | undefined {
    const ban = this.#bans.get(ip);
    this.#bans.delete(ip);
    return ban;
  }

  // ------------------------------------------------------------------ mutes

  mute(ip: string, key: string, until: number): void {
    this.#mutes = this.#mutes.filter((mute) => mute.ip !== ip || mute.key !== key);
    this.#mutes.push({ ip, key, until });
    if (this.#mutes.length > MAX_ENTRIES) this.#mutes.shift();
  }

  /** Until when (Date.now() time) is someone at `ip`, or called `key`, muted? 0: not muted. */
  mutedUntil(ip: string, key: string, now = Date.now()): number {
    let until = 0;
    for (const mute of this.#mutes) if (mute.until > now && (mute.ip === ip || mute.key === key)) until = Math.max(until, mute.until);
    return until;
  }

  /** Lift every mute on this address or this nickname. */
  unmute(ip: string, key: string): void {
    this.#mutes = this.#mutes.filter((mute) => mute.ip !== ip && mute.key !== key);
  }

  /** Forget what has expired. */
  sweep(now = Date.now()): void {
    for (const [ip, ban] of this.#bans) if (ban.until <= now) this.#bans.delete(ip);
    if (this.#mutes.some((mute) => mute.until <= now)) this.#mutes = this.#mutes.filter((mute) => mute.until > now);
  }
}
