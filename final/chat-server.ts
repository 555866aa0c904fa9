/**
 * The chat server: accepts connections, applies the connection limits and
 * bans, sets up TLS when asked, and gives each connection a Session in one
 * shared Room.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ServerOptions } from './config.ts';
import type { ChatContext, Seat } from './context.ts';
import { AddressGuard } from './guard.ts';
import { ConnectionCounter, isLoopback } from './limits.ts';
import { LinkedModeration } from './linked-moderation.ts';
import { formatAddress, type Logger } from './log.ts';
import { errorNotice, notice } from './protocol.ts';
import { Hub } from './hub.ts';
import { Room } from './room.ts';
import { Session } from './session.ts';

/** The first byte of every TLS connection: a handshake record. */
const TLS_HANDSHAKE = 0x16;

export class ChatServer implements ChatContext {
  readonly room = new Room<Seat>(() => this.#scheduleFlush());
  /** The whole room; bans decided on the other servers (or before this one started) land in this server's list. */
  /** The whole room; bans and mutes decided on the other servers (or before this one started) land in this server's store. */
  readonly hub = new Hub(this.room, (event) => {
    this.log('shared', `${event.t} ${event.ip}${'nick' in event ? ` (${event.nick})` : ''}, decided on another server`);
    this.moderation.heard(event);
  });
  readonly server: net.Server;
  #sessions = new Set<Session>();
  /** Every open socket, sessions and refused ones alike: close() must end them all, whatever state they are in. */
  #sockets = new Set<net.Socket>();
  /** Connections still in their TLS handshake, with the time they arrived. */
  #handshakes = new Map<net.Socket, { since: number; started: boolean }>();
  #connections = 0;
  #perIp = new ConnectionCounter();
  /** Per address, across connections: wrong passwords, connection and notice budgets. */
  readonly guard: AddressGuard;
  /** Bans and mutes, shared with the other servers of the room (see linked-moderation.ts). */
  readonly moderation = new LinkedModeration();
  /** Refusals logged once per address and per 10 s, then counted: a flood of connections is not a flood of log lines. */
  #refused = new Map<string, { count: number; why: string }>();
  #refusedSince = Date.now();
  #secure: tls.SecureContext | undefined;
  #toFlush = new Set<Seat>();
  #flushScheduled = false;
  /** No flush before this time (performance.now()), see flushLater(). */
  #nextFlush = 0;
  #sweeper: NodeJS.Timeout | undefined;

  constructor(
    readonly options: ServerOptions,
    readonly log: Logger,
  ) {
    if (options.tls) this.#secure = tls.createSecureContext(options.tls);
    this.guard = new AddressGuard(options);
    this.moderation.shareWith((event) => this.hub.share(event));
    this.server = net.createServer((socket) => this.#accept(socket));
  }

  /** Start listening; resolves with the address, rejects with the listen error (EADDRINUSE...). */
  listen(): Promise<net.AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        this.server.on('error', (err) => this.log('error', `server: ${err.message}`));
        this.#startSweeper();
        resolve(this.server.address() as net.AddressInfo);
      });
    });
  }

  /** Open connections, sessions and TLS handshakes together. */
  get connections(): number {
    return this.#connections;
  }

  #accept(raw: net.Socket): void {
    const ip = raw.remoteAddress ?? '';
    const address = formatAddress(ip, raw.remotePort);
    raw.on('error', () => {}); // its session, if any, reports errors; before that, there is nobody to tell
    this.#sockets.add(raw);
    raw.once('close', () => this.#sockets.delete(raw));
    const refusal = this.#refusal(ip);
    if (refusal) this.#logRefusal(ip, address, refusal);
    else {
      this.#connections++;
      this.#perIp.add(ip);
      raw.once('close', () => {
        this.#connections--;
        this.#perIp.remove(ip);
      });
    }
    // A refusal is said in the connection's own language: through TLS on a TLS server.
    this.#transport(raw, (socket) => {
      if (refusal) {
        socket.end(`${refusal}\n`);
        // A refused client may keep its side open (nc does): it must not keep a socket, nor stop close() from ending.
        setTimeout(() => raw.destroy(), this.options.quitGrace * 1000).unref();
      }
      else this.#sessions.add(new Session(socket, this, ip, address));
    });
  }

  // #region refusal
  /** Why this connection must be turned away, as the notice that says it, or nothing. */
  #refusal(ip: string): string | undefined {
    const banned = this.moderation.bannedFor(ip);
    if (banned > 0) return errorNotice('banned', banned);
    if (this.options.password !== undefined && this.guard.lockedFor(ip) > 0) return errorNotice('locked', this.guard.lockedFor(ip));
    if (this.#connections >= this.options.maxClients) return errorNotice('server-full');
    if (this.unlimited(ip)) return undefined;
    if (this.#perIp.get(ip) >= this.options.maxPerIp) return errorNotice('too-many-connections');
    // A burst of connections is fine (a class arriving), a steady stream from one address is not.
    if (!this.guard.mayConnect(ip)) return errorNotice('too-fast', this.guard.connectWait(ip));
    return undefined;
  }
  // #endregion refusal

  // #region transport
  /**
   * Plain TCP: ready at once. TLS: the client speaks first; a TLS client's
   * first byte is 0x16. Anything else, or silence (a plain client waiting for
   * NICK), gets a plain-text refusal instead of a hang.
   */
  #transport(raw: net.Socket, ready: (socket: net.Socket) => void): void {
    const secureContext = this.#secure;
    if (!secureContext) return ready(raw);
    const handshake = { since: Date.now(), started: false };
    this.#handshakes.set(raw, handshake);
    raw.once('close', () => this.#handshakes.delete(raw));
    raw.once('data', (first) => {
      handshake.started = true;
      raw.pause();
      raw.unshift(first);
      if (first[0] !== TLS_HANDSHAKE) return this.#refuseClearText(raw);
      const secure = new tls.TLSSocket(raw, { isServer: true, secureContext });
      secure.on('error', (err) => {
        this.log('tls-error', `${formatAddress(raw.remoteAddress, raw.remotePort)}: ${err.message}`);
        raw.destroy();
      });
      secure.once('secure', () => {
        this.#handshakes.delete(raw);
        ready(secure);
      });
    });
  }
  // #endregion transport

  #refuseClearText(raw: net.Socket): void {
    this.#handshakes.delete(raw);
    raw.end(`${errorNotice('tls-required')}\n`);
  }

  forget(seat: Seat): void {
    this.#sessions.delete(seat as Session); // the seats this server gives out are its sessions
    this.#toFlush.delete(seat);
  }

  unlimited(ip: string): boolean {
    return this.options.loopbackUnlimited && isLoopback(ip);
  }

  /** The first refusal of an address in a 10 s window is logged; the others are counted, and summed up by the sweeper. */
  #logRefusal(ip: string, address: string, refusal: string): void {
    const why = refusal.replace(/^\*\*\* error /, '').split(' ')[0]!;
    const seen = this.#refused.get(ip);
    if (seen) seen.count++;
    else {
      if (this.#refused.size < 10000) this.#refused.set(ip, { count: 0, why });
      this.log('refused', `${address}: ${why}`);
    }
  }

  #summariseRefusals(now: number): void {
    if (now - this.#refusedSince < 10000) return;
    const seconds = Math.round((now - this.#refusedSince) / 1000);
    for (const [ip, { count, why }] of this.#refused) if (count > 0) this.log('refused', `${count} more connection(s) from ${ip} in ${seconds} s (${why})`);
    this.#refused.clear();
    this.#refusedSince = now;
  }

  // #region batching
  /**
   * Batch output: the room's lines and every session written to leave
   * together, in one write per session, at the end of this event-loop turn,
   * or later when the last flush took long: a flush waits as long after the
   * previous one as that one took. The server then spends at most half its
   * time writing, and under load each write carries several messages (a
   * write to a socket costs the same for one line as for ten).
   */
  flushLater(seat: Seat): void {
    this.#toFlush.add(seat);
    this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    const wait = this.#nextFlush - performance.now();
    if (wait <= 0) setImmediate(this.#flush);
    else setTimeout(this.#flush, wait);
  }

  #flush = (): void => {
    this.#flushScheduled = false;
    const start = performance.now();
    this.room.flush();
    const sessions = this.#toFlush;
    this.#toFlush = new Set();
    for (const s of sessions) s.flush();
    const end = performance.now();
    this.#nextFlush = end + (end - start);
  };
  // #endregion batching

  // #region sweeper
  /** One timer for all connections: handshakes, nickname deadline, pings, ping deadline. */
  #startSweeper(): void {
    const { nickTimeout, idleTimeout, pingTimeout, handshakeTimeout, tlsFirstByte } = this.options;
    const shortest = Math.min(nickTimeout, idleTimeout, pingTimeout, handshakeTimeout, tlsFirstByte);
    const period = Math.min(1000, Math.max(20, (shortest * 1000) / 4));
    this.#sweeper = setInterval(() => {
      const now = Date.now();
      for (const [raw, { since, started }] of this.#handshakes) {
        if (!started && now - since > tlsFirstByte * 1000) this.#refuseClearText(raw); // a plain client, waiting for NICK
        else if (now - since > handshakeTimeout * 1000) raw.destroy();
      }
      this.moderation.sweep(now);
      this.guard.sweep(now);
      this.#summariseRefusals(now);
      for (const session of this.#sessions) session.sweep(now); // nickname deadline, pings: see Session
    }, period);
    this.#sweeper.unref();
  }
  // #endregion sweeper

  // #region close
  /** Tell everyone the server is stopping, close every connection, stop listening. */
  async close(graceMs = 2000): Promise<void> {
    clearInterval(this.#sweeper);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const raw of this.#handshakes.keys()) raw.destroy();
    for (const session of this.#sessions) {
      session.sendLine(notice('shutdown'));
      session.quit('shutdown');
    }
    const timer = setTimeout(() => {
      for (const socket of this.#sockets) socket.destroy();
    }, graceMs);
    await closed; // resolves once every connection has closed
    clearTimeout(timer);
  }
  // #endregion close
}
