/**
 * Several chat servers, one chatroom, through Redis.
 *
 * - Every server publishes what its members say on one channel and
 *   subscribes to it: Redis pub/sub hands each message to every subscriber,
 *   in the order it was published (so in order per sender), at most once.
 * - A nickname is a key, `chatroom:nick:<key>`, taken with SET NX (atomic:
 *   of two servers racing for it, one wins) and kept alive by a heartbeat;
 *   a server that dies stops refreshing it, and it expires.
 * - Every few seconds each server publishes a beat with its member list.
 *   Silence from a server means it is gone: its members are announced as
 *   left, and their nicknames expire soon after.
 * - Redis unreachable: each server goes on alone with its own members, says
 *   once that the room is split, reconnects with backoff, and says when it
 *   is whole again. What was said meanwhile between the halves is lost.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Someone } from './context.ts';
import { decodeWire, encodeWire, type Link, type LinkEvent, type LinkHost, type Wire } from './link.ts';
import type { Logger } from './log.ts';
import { checkNick, MAX_NICK_LENGTH } from './nick.ts';
import { errorNotice, notice } from './protocol.ts';

const CHANNEL = 'chatroom:room';
const nickKey = (key: string) => `chatroom:nick:${key}`;

export interface Timing {
  /** How often a server says it is alive and refreshes its nicknames. */
  beatMs: number;
  /** Silence after which a server is taken for gone; also the nicknames' lifetime. */
  deadMs: number;
}
export const TIMING: Timing = { beatMs: 3000, deadMs: 10000 };

/** Delete a nickname key only if this server holds it ("<server id> <nick>"): never free someone else's. */
const RELEASE = `local v = redis.call('get', KEYS[1]) if v and string.sub(v, 1, #ARGV[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

export class RedisLink implements Link {
  readonly id = randomUUID().slice(0, 8);
  #pub: Redis;
  #sub: Redis;
  /** The other servers: when we last heard them, and their members by key. */
  #servers = new Map<string, { heard: number; members: Map<string, string> }>();
  #split = false;
  #timer: NodeJS.Timeout | undefined;

  private constructor(
    readonly url: string,
    private readonly hub: LinkHost,
    private readonly log: Logger,
    private readonly timing: Timing,
  ) {
    const options = {
      lazyConnect: true,
      enableAutoPipelining: true, // the lines of one event-loop turn leave in one write to Redis
      enableOfflineQueue: false, // while split, commands fail at once instead of piling up
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt: number) => Math.min(100 * 2 ** attempt, 5000), // backoff, up to 5 s
    };
    this.#pub = new Redis(url, options);
    this.#sub = new Redis(url, options);
  }

  /** Connect to Redis, or throw an Error with a one-line reason. */
  static async open(url: string, hub: LinkHost, log: Logger, timing = TIMING): Promise<RedisLink> {
    const link = new RedisLink(url, hub, log, timing);
    let lastError = '';
    const onError = (err: Error) => (lastError = err.message);
    link.#pub.on('error', onError);
    link.#sub.on('error', onError);
    try {
      await withTimeout(Promise.all([link.#pub.connect(), link.#sub.connect()]), 5000);
      await link.#sub.subscribe(CHANNEL);
      await link.#loadMembers();
    } catch (error) {
      link.#pub.disconnect();
      link.#sub.disconnect();
      throw new Error(`cannot reach Redis at ${url}: ${lastError || (error as Error).message}`);
    }
    link.#pub.off('error', onError);
    link.#sub.off('error', onError);
    link.#watch();
    return link;
  }

  /** Who is already in the room, from the nickname keys (value: "<server> <nick>"). */
  async #loadMembers(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.#pub.scan(cursor, 'MATCH', nickKey('*'), 'COUNT', 500);
      cursor = next;
      const values = keys.length > 0 ? await this.#pub.mget(keys) : [];
      keys.forEach((redisKey, i) => {
        const [server, nick] = (values[i] ?? '').split(' ');
        if (server && nick && server !== this.id) this.#member(server).set(redisKey.slice(nickKey('').length), nick);
      });
    } while (cursor !== '0');
  }

  #member(server: string): Map<string, string> {
    let known = this.#servers.get(server);
    if (!known) this.#servers.set(server, (known = { heard: Date.now(), members: new Map() }));
    return known.members;
  }

  #watch(): void {
    this.#sub.on('message', (_channel: string, text: string) => this.#heard(text));
    for (const connection of [this.#pub, this.#sub]) {
      connection.on('error', (err: Error) => this.#lost(err.message));
      connection.on('close', () => this.#lost('connection closed'));
      connection.on('ready', () => void this.#healed());
    }
    this.#timer = setInterval(() => this.#beat(), this.timing.beatMs);
    this.#timer.unref();
    this.#beat();
  }

  // ------------------------------------------------------------------ Link

  // #region claim
  async claim(key: string, nick: string): Promise<boolean> {
    if (this.#split) return true; // alone for now: this server's own check is all there is
    try {
      return (await this.#pub.set(nickKey(key), `${this.id} ${nick}`, 'PX', this.timing.deadMs, 'NX')) === 'OK';
    } catch {
      return true; // Redis went away while we asked: same as split
    }
  }
  // #endregion claim

  release(key: string): void {
    this.#owned.delete(key);
    this.#pub.eval(RELEASE, 1, nickKey(key), `${this.id} `).catch(() => {});
  }

  send(event: LinkEvent): void {
    if (event.t === 'room') {
      if (event.join) this.#owned.set(...event.join);
      if (event.rename) this.#owned.set(event.rename[1], event.rename[2]);
    }
    this.#publish({ s: this.id, ...event });
  }

  *remote(): Iterable<Someone> {
    for (const { members } of this.#servers.values()) for (const [key, nick] of members) yield { key, nick };
  }

  /** Say goodbye to Redis; if it does not answer within a second (it is down, say), just hang up. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await withTimeout(Promise.allSettled([this.#pub.quit(), this.#sub.quit()]), 1000).catch(() => {});
    this.#pub.disconnect();
    this.#sub.disconnect();
  }

  // ------------------------------------------------------------------ inside

  /** How every message this server publishes starts: `{"s":"<id>"`. */
  readonly #mine = JSON.stringify({ s: this.id }).slice(0, -1);

  /** This server's nicknames (key → nick) as Redis holds them. */
  #owned = new Map<string, string>();

  #publish(wire: Wire): void {
    if (this.#split) return; // lost: pub/sub keeps nothing for later
    this.#pub.publish(CHANNEL, encodeWire(wire)).catch(() => {});
  }

  // #region heard
  #heard(text: string): void {
    if (text.startsWith(this.#mine)) return; // our own (the id comes first): already delivered here
    const wire = decodeWire(text);
    if (!wire) return; // not ours
    const members = this.#member(wire.s);
    this.#servers.get(wire.s)!.heard = Date.now();
    if (wire.t === 'beat') return this.#reconcile(members, new Map(wire.members));
    if (wire.t === 'room') {
      if (wire.join) members.set(...wire.join);
      if (wire.leave) members.delete(wire.leave);
      if (wire.rename) {
        members.delete(wire.rename[0]);
        members.set(wire.rename[1], wire.rename[2]);
      }
    }
    this.hub.receive(wire);
  }
  // #endregion heard

  /** A beat lists a server's members: announce whoever we had wrong (after a split, say). */
  #reconcile(known: Map<string, string>, told: Map<string, string>): void {
    for (const [key, nick] of known) if (!told.has(key)) this.#say(notice('left', [nick, 'split'])), known.delete(key);
    for (const [key, nick] of told) if (!known.has(key)) this.#say(notice('joined', [nick])), known.set(key, nick);
  }

  /** Tell this server's members only. */
  #say(line: string): void {
    this.hub.local(line);
  }

  // #region beat
  /** Every beat: say we are alive with our members, keep our nicknames, bury silent servers. */
  #beat(): void {
    const now = Date.now();
    for (const [server, { heard, members }] of this.#servers) {
      if (now - heard < this.timing.deadMs) continue;
      for (const nick of members.values()) this.#say(notice('left', [nick, 'split']));
      this.#servers.delete(server);
      this.log('server-gone', `${server}: ${members.size} member(s) announced as left`);
    }
    if (this.#split) return;
    this.#publish({ s: this.id, t: 'beat', members: [...this.#owned] });
    const refresh = this.#pub.pipeline();
    for (const key of this.#owned.keys()) refresh.pexpire(nickKey(key), this.timing.deadMs);
    refresh.exec().catch(() => {});
  }
  // #endregion beat

  // #region split
  #lost(why: string): void {
    if (this.#split) return;
    this.#split = true;
    this.log('redis-lost', `${this.url}: ${why}; serving this server's members alone`);
    this.#say(notice('split'));
  }

  /** Both connections are back: take our nicknames again, then say so. */
  async #healed(): Promise<void> {
    if (!this.#split || this.#pub.status !== 'ready' || this.#sub.status !== 'ready') return;
    this.#split = false;
    for (const [key, nick] of [...this.#owned]) {
      const value = `${this.id} ${nick}`;
      const taken = await this.#pub.set(nickKey(key), value, 'PX', this.timing.deadMs, 'NX').catch(() => null);
      if (taken !== 'OK' && (await this.#pub.get(nickKey(key)).catch(() => value)) !== value) await this.#yield(key, nick);
    }
    this.log('redis-back', this.url);
    this.#say(notice('whole'));
    this.#beat();
  }
  // #endregion split

  /**
   * Two people took one nickname on the two sides of a split: the other
   * server kept it, so ours becomes "zoé-2" (the first free one), and is told.
   */
  async #yield(key: string, nick: string): Promise<void> {
    if (!this.hub.has(key)) return;
    for (let n = 2; n < 100; n++) {
      const candidate = checkNick(`${[...nick].slice(0, MAX_NICK_LENGTH - String(n).length - 1).join('')}-${n}`);
      if (!candidate.ok || this.hub.has(candidate.key)) continue;
      const value = `${this.id} ${candidate.nick}`;
      if ((await this.#pub.set(nickKey(candidate.key), value, 'PX', this.timing.deadMs, 'NX').catch(() => null)) !== 'OK') continue;
      if (!this.hub.rename(key, candidate.nick, candidate.key, errorNotice('nick-taken', nick))) return this.release(candidate.key); // gone meanwhile
      this.log('nick-conflict', `${nick} was taken on another server during the split: now ${candidate.nick}`);
      return;
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
