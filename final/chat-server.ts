/**
 * The chat server: accepts connections, applies the connection limits and
 * bans, sets up TLS when asked, and gives each connection a Session in one
 * shared Room.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ServerOptions } from './config.ts';
import type { ChatContext, CommandContext, Seat } from './context.ts';
import { AddressGuard } from './guard.ts';
import { ConnectionCounter, isLoopback } from './limits.ts';
import { LinkedModeration } from './linked-moderation.ts';
import { Summary, formatAddress, type Logger } from './log.ts';
import { errorNotice, notice } from './protocol.ts';
import { Hub } from './hub.ts';
import { Room } from './room.ts';
import { Session } from './session.ts';

/** The first byte of every TLS connection: a handshake record. */
const TLS_HANDSHAKE = 0x16;
/** For the errors nobody is there to hear (a connection before its session). */
const ignore = (): void => {};

export class ChatServer implements ChatContext {
  readonly room = new Room<Seat>(() => this.#scheduleFlush());
  /**
   * The whole room; bans and mutes decided on the other servers (or before
   * this one started) land in this server's store, wrong passwords typed
   * there in its guard.
   */
  readonly hub = new Hub(this.room, (event) => {
    if (event.t === 'fail') {
      // Summarised: a guesser going from server to server is a line, not one per guess.
      this.summary.log('password-wrong-elsewhere', event.ip, `${event.ip} (on another server)`, 'wrong passwords on other servers');
      if (this.guard.heardFailure(event.ip, event.at))
        this.log(
          'locked-out',
          `${event.ip} for ${this.options.lockoutSeconds} s after ${this.options.lockoutFailures} wrong passwords (counted on every server)`,
        );
      return;
    }
    this.log('shared', `${event.t} ${event.ip}${'nick' in event ? ` (${event.nick})` : ''}, decided on another server`);
    this.moderation.heard(event);
  });
  readonly server: net.Server;
  #sessions = new Set<Session>();
  /**
   * Every open socket, sessions and refused ones alike (close() must end them
   * all, whatever state they are in), with the address it counts against
   * (undefined for a refused one, which counts for nothing).
   */
  #sockets = new Map<net.Socket, string | undefined>();
  /** The one 'close' listener of every accepted socket: what it counted is uncounted. */
  readonly #onRawClose: (this: net.Socket) => void;
  /** Connections still in their TLS handshake: when they arrived, whether they spoke, why they failed (logged at close). */
  #handshakes = new Map<net.Socket, { since: number; started: boolean; failure: string }>();
  #connections = 0;
  #perIp = new ConnectionCounter();
  /** Per address, across connections: wrong passwords, connection and notice budgets. */
  readonly guard: AddressGuard;
  /** Bans and mutes, shared with the other servers of the room (see linked-moderation.ts). */
  readonly moderation = new LinkedModeration();
  #secure: tls.SecureContext | undefined;
  #toFlush = new Set<Seat>();
  #flushScheduled = false;
  /** No flush before this time (performance.now()), see flushLater(). */
  #nextFlush = 0;
  #sweeper: NodeJS.Timeout | undefined;
  #stopping = false;
  /** Repeated events (refusals, wrong passwords, TLS errors) in a line per address every 10 s. */
  readonly summary: Summary;
  /** What the commands may use: one object for every session. */
  readonly commands: CommandContext;

  constructor(
    readonly options: ServerOptions,
    readonly log: Logger,
  ) {
    this.summary = new Summary(log, options.logSummary * 1000);
    if (options.tls) this.#secure = tls.createSecureContext(options.tls);
    this.guard = new AddressGuard(options, (ip, at) => this.hub.share({ t: 'fail', ip, at })); // the other servers count it too
    this.commands = { options, log, room: this.hub, guard: this.guard, moderation: this.moderation, unlimited: (ip) => this.unlimited(ip) };
    this.moderation.shareWith((event) => this.hub.share(event));
    this.server = net.createServer((socket) => this.#accept(socket));
    const server = this; // eslint-disable-line @typescript-eslint/no-this-alias -- the listener's own `this` is the socket
    this.#onRawClose = function (this: net.Socket) {
      const ip = server.#sockets.get(this);
      server.#sockets.delete(this);
      if (ip === undefined) return;
      server.#connections--;
      server.#perIp.remove(ip);
    };
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
    raw.on('error', ignore); // its session, if any, reports errors; before that, there is nobody to tell
    const refusal = this.#refusal(ip);
    // The first refusal of an address is logged, the next ones counted (Summary): a flood of connections is not a flood of log lines.
    if (refusal) this.summary.log('refused', ip, `${formatAddress(ip, raw.remotePort)}: ${refusal.replace(/^\*\*\* error /, '').split(' ')[0]}`, 'connections');
    else {
      this.#connections++;
      this.#perIp.add(ip);
    }
    this.#sockets.set(raw, refusal ? undefined : ip);
    raw.on('close', this.#onRawClose); // the same listener for all: a closure each would cost every connection memory
    // A refusal is said in the connection's own language: through TLS on a TLS server.
    this.#transport(raw, (socket) => {
      if (refusal) {
        socket.end(`${refusal}\n`);
        // A refused client may keep its side open (nc does): it must not keep a socket, nor stop close() from ending.
        setTimeout(() => raw.destroy(), this.options.quitGrace * 1000).unref();
      } else {
        this.#sessions.add(new Session(socket, this, ip, raw.remotePort ?? 0));
        if (socket === raw) raw.off('error', ignore); // its session hears errors now (one listener, not a list of two)
      }
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
    const handshake = { since: Date.now(), started: false, failure: '' };
    this.#handshakes.set(raw, handshake);
    raw.once('close', () => {
      // Logged once closed, when the connection no longer counts against its address's limit.
      const unfinished = this.#handshakes.delete(raw);
      if (this.#stopping) return;
      const failure =
        handshake.failure ||
        (unfinished && handshake.started ? 'closed during the handshake (does the client trust this certificate? wrong --ca, or expired)' : '');
      // Summarised per address and kind of failure: a flood of one says so in a line, and other kinds still show.
      if (failure)
        this.summary.log('tls-error', `${raw.remoteAddress} (${failure})`, `${formatAddress(raw.remoteAddress, raw.remotePort)}: ${failure}`, 'TLS errors');
    });
    raw.once('data', (first) => {
      handshake.started = true;
      raw.pause();
      raw.unshift(first);
      if (first[0] !== TLS_HANDSHAKE) return this.#refuseClearText(raw, 'plain text on a TLS server, refused (the client needs --tls)');
      const secure = new tls.TLSSocket(raw, { isServer: true, secureContext });
      secure.on('error', (err) => {
        if (this.#handshakes.has(raw)) handshake.failure ||= describeTlsError(err);
        raw.destroy();
      });
      secure.once('secure', () => {
        this.#handshakes.delete(raw);
        ready(secure);
      });
    });
  }
  // #endregion transport

  /** Say "TLS required" in clear, and close; `why` goes to the log. */
  #refuseClearText(raw: net.Socket, why: string): void {
    const handshake = this.#handshakes.get(raw);
    if (handshake) handshake.failure ||= why;
    raw.end(`${errorNotice('tls-required')}\n`);
  }

  forget(seat: Seat): void {
    this.#sessions.delete(seat as Session); // the seats this server gives out are its sessions
    this.#toFlush.delete(seat);
  }

  unlimited(ip: string): boolean {
    return this.options.loopbackUnlimited && isLoopback(ip);
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
      for (const [raw, handshake] of this.#handshakes) {
        const { since, started, failure } = handshake;
        if (now - since > handshakeTimeout * 1000) {
          handshake.failure ||= `handshake not finished in ${handshakeTimeout} s, dropped`;
          raw.destroy();
        } else if (!started && !failure && now - since > tlsFirstByte * 1000) {
          this.#refuseClearText(raw, `silent for ${tlsFirstByte} s, refused (a plain-text client waiting for NICK? it needs --tls)`);
        }
      }
      this.moderation.sweep(now);
      this.guard.sweep(now);
      for (const session of this.#sessions) session.sweep(now); // nickname deadline, pings: see Session
    }, period);
    this.#sweeper.unref();
  }
  // #endregion sweeper

  // #region close
  /** Tell everyone the server is stopping, close every connection, stop listening. */
  async close(graceMs = 2000): Promise<void> {
    clearInterval(this.#sweeper);
    this.#stopping = true;
    this.summary.flush();
    this.summary.stop();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const raw of this.#handshakes.keys()) raw.destroy();
    for (const session of this.#sessions) {
      session.sendLine(notice('shutdown'));
      session.quit('shutdown');
    }
    const timer = setTimeout(() => {
      for (const socket of this.#sockets.keys()) socket.destroy();
    }, graceMs);
    await closed; // resolves once every connection has closed
    clearTimeout(timer);
  }
  // #endregion close
}

/** A TLS error in a few words, with what it usually means for a class. */
export function describeTlsError(err: NodeJS.ErrnoException & { reason?: string }): string {
  const code = err.code ?? '';
  const why = err.reason || code || err.message.split('\n')[0] || 'error';
  if (code === 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA') return `${why} (the client does not trust this certificate: wrong --ca?)`;
  if (code === 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED') return `${why} (the certificate has expired: npm run cert)`;
  if (code === 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE' || code === 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN')
    return `${why} (the client refused the certificate)`;
  if (code === 'ECONNRESET') return 'connection reset during the handshake';
  return why;
}
