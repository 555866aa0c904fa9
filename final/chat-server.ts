/**
 * The chat server: accepts connections, applies the connection limits, and
 * gives each accepted socket a Session in one shared Room.
 */
import net from 'node:net';
import type { ServerOptions } from './config.ts';
import type { ChatContext } from './context.ts';
import { ConnectionCounter, isLoopback } from './limits.ts';
import { formatAddress, type Logger } from './log.ts';
import { errorNotice, notice } from './protocol.ts';
import { Room } from './room.ts';
import { Session } from './session.ts';

export class ChatServer implements ChatContext {
  readonly room = new Room(() => this.#scheduleFlush());
  readonly server: net.Server;
  #sessions = new Set<Session>();
  #perIp = new ConnectionCounter();
  #toFlush = new Set<Session>();
  #flushScheduled = false;
  /** No flush before this time (performance.now()), see flushLater(). */
  #nextFlush = 0;
  #sweeper: NodeJS.Timeout | undefined;

  constructor(
    readonly options: ServerOptions,
    readonly log: Logger,
  ) {
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

  get connections(): number {
    return this.#sessions.size;
  }

  #accept(socket: net.Socket): void {
    const ip = socket.remoteAddress ?? '';
    const address = formatAddress(ip, socket.remotePort);
    socket.on('error', () => {}); // a refused socket may fail while we say goodbye
    const { maxClients, maxPerIp, loopbackUnlimited } = this.options;
    let refusal: string | undefined;
    if (this.#sessions.size >= maxClients) refusal = errorNotice('server-full');
    else if (this.#perIp.get(ip) >= maxPerIp && !(loopbackUnlimited && isLoopback(ip))) refusal = errorNotice('too-many-connections');
    if (refusal) {
      this.log('refused', `${address}: ${refusal}`);
      socket.end(`${refusal}\n`);
      return;
    }
    this.#perIp.add(ip);
    this.#sessions.add(new Session(socket, this, address));
  }

  forget(session: Session): void {
    if (this.#sessions.delete(session)) this.#perIp.remove(session.ip);
    this.#toFlush.delete(session);
  }

  /**
   * Batch output: the room's lines and every session written to leave
   * together, in one write per session, at the end of this event-loop turn,
   * or later when the last flush took long: a flush waits as long after the
   * previous one as that one took. The server then spends at most half its
   * time writing, and under load each write carries several messages (a
   * write to a socket costs the same for one line as for ten).
   */
  flushLater(session: Session): void {
    this.#toFlush.add(session);
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

  /** One timer for all sessions: nickname deadline, pings, ping deadline. */
  #startSweeper(): void {
    const { nickTimeout, idleTimeout, pingTimeout } = this.options;
    const period = Math.min(1000, Math.max(20, (Math.min(nickTimeout, idleTimeout, pingTimeout) * 1000) / 4));
    this.#sweeper = setInterval(() => {
      const now = Date.now();
      for (const session of this.#sessions) {
        if (!session.joined) {
          if (now - session.connectedAt > nickTimeout * 1000) {
            session.sendLine(errorNotice('nick-timeout'));
            session.quit('timeout');
          }
        } else if (session.pingedAt === 0) {
          if (now - session.lastActive > idleTimeout * 1000) session.ping();
        } else if (now - session.pingedAt > pingTimeout * 1000) {
          session.quit('timeout');
          session.socket.destroy();
        }
      }
    }, period);
    this.#sweeper.unref();
  }

  /** Tell everyone the server is stopping, close every connection, stop listening. */
  async close(graceMs = 2000): Promise<void> {
    clearInterval(this.#sweeper);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const session of this.#sessions) {
      session.sendLine(notice('shutdown'));
      session.quit('shutdown');
    }
    const timer = setTimeout(() => {
      for (const session of this.#sessions) session.socket.destroy();
    }, graceMs);
    await closed; // resolves once every connection has closed
    clearTimeout(timer);
  }
}
