/**
 * Several chat servers, one chatroom, through Redis.
 *
 * - Every server publishes what its members say on one channel and
 *   subscribes to it: Redis pub/sub hands each message to every subscriber,
 *   in the order it was published (so in order per sender), at most once.
 * - A nickname is a key, `chatroom:nick:<key>`, taken with SET NX (atomic:
 *   of two servers racing for it, one wins) and kept alive by a heartbeat;
 *   a server that dies stops refreshing it, and it expires. Its value says
 *   who holds it and since when ("<server> <ms since 1970> <nick>"): when
 *   two people took one nickname on the two sides of a split, the first one
 *   keeps it and the newcomer is renamed.
 * - Bans and mutes are keys too (`chatroom:ban:<ip>`, `chatroom:mute:...`),
 *   expiring with them, and published: every server applies them, and a
 *   server that starts later loads them.
 * - What arrives on the channel is checked like client input (link-check.ts):
 *   what a chat server would not send is dropped, counted and logged, never shown.
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
import { ChannelCheck, Members, parseStored, parseWire, SERVER_ID } from './link-check.ts';
import { encodeWire, type Link, type LinkEvent, type LinkHost, type ModerationEvent, type Wire } from './link.ts';
import { maskUrl, type Logger } from './log.ts';
import { checkNick, MAX_NICK_LENGTH } from './nick.ts';
import { errorNotice, notice } from './protocol.ts';

const CHANNEL = 'chatroom:room';
const nickKey = (key: string) => `chatroom:nick:${key}`;
const BAN = 'chatroom:ban:';
const MUTE = 'chatroom:mute:';
/** The Redis key of a ban or mute (its value is the event itself, see parseStored). */
const moderationKey = (event: ModerationEvent) => (event.t.endsWith('ban') ? `${BAN}${event.ip}` : `${MUTE}${event.ip} ${'key' in event ? event.key : ''}`);
/** Servers heard of at most: beyond, a flood of forged server ids. */
const MAX_SERVERS = 100;
/** Dropped messages are logged at most once per this many ms, with their count. */
const DROP_LOG_MS = 10000;

export interface Timing {
  /** How often a server says it is alive and refreshes its nicknames. */
  beatMs: number;
  /** Silence after which a server is taken for gone; also the nicknames' lifetime. */
  deadMs: number;
}
export const TIMING: Timing = { beatMs: 3000, deadMs: 10000 };

/** Delete a nickname key only if this server holds it ("<server id> <since> <nick>"): never free someone else's. */
const RELEASE = `local v = redis.call('get', KEYS[1]) if v and string.sub(v, 1, #ARGV[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

// #region keep
/**
 * Keep a nickname ARGV[1] ("<server> <since> <nick>", since = ARGV[2]) for
 * ARGV[3] ms, unless someone else claimed it earlier (the older claim wins;
 * on a tie, the smaller value). 1: ours; 0: theirs, we must give it up.
 */
const KEEP = `local v = redis.call('get', KEYS[1])
if v and v ~= ARGV[1] then
  local since = tonumber(string.match(v, '^%S+ (%d+) '))
  local mine = tonumber(ARGV[2])
  if since and (since < mine or (since == mine and v < ARGV[1])) then return 0 end
end
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1`;
// #endregion keep

export class RedisLink implements Link {
  readonly id = randomUUID().slice(0, 8);
  #pub: Redis;
  #sub: Redis;
  /** The other servers: when we last heard them, and their members by key. */
  #servers = new Map<string, { heard: number; members: Members }>();
  #split = false;
  #timer: NodeJS.Timeout | undefined;
  /** What the channel says is checked against what we know (see link-check.ts). */
  #check = new ChannelCheck((server) => (server === this.id ? this.#ownedNicks() : this.#servers.get(server)?.members));
  /** Messages dropped since the last log line, the last reason, and when the next line may be written. */
  #dropped = { count: 0, why: '', nextLog: 0 };

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
      disableClientInfo: true, // no CLIENT SETINFO: the Redis user needs no more than final/redis.acl
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
      await link.#loadModeration();
    } catch (error) {
      link.#pub.disconnect();
      link.#sub.disconnect();
      throw new Error(`cannot reach Redis at ${maskUrl(url)}: ${lastError || (error as Error).message}`);
    }
    link.#pub.off('error', onError);
    link.#sub.off('error', onError);
    link.#watch();
    return link;
  }

  /** Who is already in the room, from the nickname keys (value: "<server> <since> <nick>"). */
  async #loadMembers(): Promise<void> {
    for await (const [redisKey, value] of this.#scan(nickKey('*'))) {
      const [server = '', since, nick = ''] = value.split(' ');
      const key = redisKey.slice(nickKey('').length);
      const check = checkNick(nick);
      if (SERVER_ID.test(server) && server !== this.id && Number(since) > 0 && check.ok && check.key === key) this.#member(server).set(key, nick);
    }
  }

  /** The bans and mutes decided before this server started, for its moderation store. */
  async #loadModeration(): Promise<void> {
    let count = 0;
    for (const pattern of [`${BAN}*`, `${MUTE}*`]) {
      for await (const [, value] of this.#scan(pattern)) {
        const event = parseStored(value);
        if (!event || event.until <= Date.now()) continue;
        count++;
        this.hub.receive(event);
      }
    }
    if (count > 0) this.log('redis-moderation', `${count} ban(s) and mute(s) loaded`);
  }

  /** Every key matching `pattern`, with its value. */
  async *#scan(pattern: string): AsyncIterable<[key: string, value: string]> {
    let cursor = '0';
    do {
      const [next, keys] = await this.#pub.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      const values = keys.length > 0 ? await this.#pub.mget(keys) : [];
      for (const [i, key] of keys.entries()) if (values[i]) yield [key, values[i]];
    } while (cursor !== '0');
  }

  #member(server: string): Members {
    let known = this.#servers.get(server);
    if (!known) this.#servers.set(server, (known = { heard: Date.now(), members: new Members() }));
    return known.members;
  }

  #watch(): void {
    this.#sub.on('message', (_channel: string, text: string) => this.#heard(text));
    for (const connection of [this.#pub, this.#sub]) {
      connection.on('error', (err: Error) => this.#lost(err.message));
      connection.on('close', () => this.#lost('connection closed'));
      connection.on('ready', () => this.#healed());
    }
    this.#timer = setInterval(() => this.#beat(), this.timing.beatMs);
    this.#timer.unref();
    this.#beat();
  }

  // ------------------------------------------------------------------ Link

  // #region claim
  async claim(key: string, nick: string): Promise<boolean> {
    const since = Date.now();
    this.#claimed.set(key, since);
    if (this.#split) return true; // alone for now: this server's own check is all there is
    try {
      return (await this.#pub.set(nickKey(key), this.#value(nick, since), 'PX', this.timing.deadMs, 'NX')) === 'OK';
    } catch {
      return true; // Redis went away while we asked: same as split
    }
  }
  // #endregion claim

  release(key: string): void {
    this.#owned.delete(key);
    this.#ownedView = undefined;
    this.#claimed.delete(key);
    this.#pub.eval(RELEASE, 1, nickKey(key), `${this.id} `).catch(() => {});
  }

  send(event: LinkEvent): void {
    const wire: Wire = { s: this.id, ...event };
    this.#check.check(wire); // what we announce (a kick) lets the others' events that follow it (the ban) in
    if (event.t === 'room') {
      if (event.join) this.#own(event.join[0], event.join[1]);
      if (event.rename) this.#own(event.rename[1], event.rename[2], event.rename[0]);
    }
    if (event.t === 'ban' || event.t === 'mute') {
      const { s: _, ...stored } = wire;
      this.#pub.set(moderationKey(event), JSON.stringify(stored), 'PXAT', event.until).catch(() => {});
    } else if (event.t === 'unban' || event.t === 'unmute') this.#pub.del(moderationKey(event)).catch(() => {});
    this.#publish(wire);
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

  /** This server's nicknames as Redis holds them: key → nick, and since when (ms since 1970) it holds it. */
  #owned = new Map<string, { nick: string; since: number }>();
  /** When each nickname was claimed here (the claim's time goes with the nickname's key). */
  #claimed = new Map<string, number>();
  /** Nicknames being given up (see #yield): one rename each, however many beats find them lost. */
  #yielding = new Set<string>();

  #own(key: string, nick: string, oldKey?: string): void {
    // A change of case keeps the key, and its time; a new key has the time of its claim.
    const since = (oldKey === key ? this.#owned.get(key)?.since : undefined) ?? this.#claimed.get(key) ?? Date.now();
    this.#claimed.delete(key);
    this.#owned.set(key, { nick, since });
    this.#ownedView = undefined;
  }

  /**
   * key → nick of this server's members, made again only when they change:
   * every message this server publishes is checked against it, and making it
   * for each one cost an eighth of a server's time in a fan-out of 250.
   */
  #ownedView: Members | undefined;
  #ownedNicks(): Members {
    if (this.#ownedView) return this.#ownedView;
    const view = new Members();
    for (const [key, { nick }] of this.#owned) view.set(key, nick);
    return (this.#ownedView = view);
  }

  /** A nickname key's value: who holds it, since when. */
  #value(nick: string, since: number): string {
    return `${this.id} ${since} ${nick}`;
  }

  #publish(wire: Wire): void {
    if (this.#split) return; // lost: pub/sub keeps nothing for later
    this.#pub.publish(CHANNEL, encodeWire(wire)).catch(() => {});
  }

  // #region heard
  #heard(text: string): void {
    if (text.startsWith(this.#mine)) return; // our own (the id comes first): already delivered here
    const wire = parseWire(text);
    if ('dropped' in wire) return this.#drop(wire.dropped);
    if (!this.#servers.has(wire.s) && this.#servers.size >= MAX_SERVERS) return this.#drop('too many servers');
    const why = this.#check.check(wire);
    if (why) return this.#drop(`${why} (server ${wire.s})`);
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

  /** Count a message that is not delivered; log the first at once, then at most one summary line every 10 s. */
  #drop(why: string): void {
    this.#dropped.count++;
    this.#dropped.why = why;
    this.#logDropped();
  }

  #logDropped(now = Date.now()): void {
    const { count, why, nextLog } = this.#dropped;
    if (count === 0 || now < nextLog) return;
    this.log('redis-dropped', `${count} message(s) from the channel dropped${nextLog ? ` in ${DROP_LOG_MS / 1000} s` : ''} (last: ${why})`);
    this.#dropped = { count: 0, why: '', nextLog: now + DROP_LOG_MS };
  }

  /** A beat lists a server's members: announce whoever we had wrong (after a split, say). */
  #reconcile(known: Map<string, string>, told: Map<string, string>): void {
    for (const [key, nick] of known) {
      if (told.has(key)) continue;
      this.#say(notice('left', [nick, 'split']));
      known.delete(key);
    }
    for (const [key, nick] of told) {
      if (known.has(key)) continue;
      this.#say(notice('joined', [nick]));
      known.set(key, nick);
    }
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
    this.#logDropped(now);
    if (this.#split) return;
    this.#publish({ s: this.id, t: 'beat', members: [...this.#ownedNicks()] });
    for (const key of this.#owned.keys()) void this.#keep(key);
  }

  /** Keep a nickname's key alive, unless someone claimed it before us (a split): then ours is renamed. */
  async #keep(key: string): Promise<void> {
    const owned = this.#owned.get(key);
    if (!owned) return;
    const kept = await this.#pub.eval(KEEP, 1, nickKey(key), this.#value(owned.nick, owned.since), owned.since, this.timing.deadMs).catch(() => 1);
    if (kept !== 0 || this.#owned.get(key) !== owned || this.#yielding.has(key)) return;
    this.#yielding.add(key);
    await this.#yield(key, owned.nick).finally(() => this.#yielding.delete(key));
  }
  // #endregion beat

  // #region split
  #lost(why: string): void {
    if (this.#split) return;
    this.#split = true;
    this.log('redis-lost', `${maskUrl(this.url)}: ${why}; serving this server's members alone`);
    this.#say(notice('split'));
  }

  /**
   * Both connections are back: say so, and beat, which takes our nicknames
   * again. The beat (our members) goes out before any rename, so that the
   * others know whom a rename is about.
   */
  #healed(): void {
    if (!this.#split || this.#pub.status !== 'ready' || this.#sub.status !== 'ready') return;
    this.#split = false;
    this.log('redis-back', maskUrl(this.url));
    this.#say(notice('whole'));
    this.#beat();
  }
  // #endregion split

  /**
   * Two people took one nickname on the two sides of a split: the other
   * server's member claimed it first and keeps it, so ours becomes "zoé-2"
   * (the first free one), and is told.
   */
  async #yield(key: string, nick: string): Promise<void> {
    if (!this.hub.has(key)) return;
    for (let n = 2; n < 100; n++) {
      const candidate = checkNick(`${[...nick].slice(0, MAX_NICK_LENGTH - String(n).length - 1).join('')}-${n}`);
      if (!candidate.ok || this.hub.has(candidate.key)) continue;
      if (!(await this.claim(candidate.key, candidate.nick))) continue;
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
