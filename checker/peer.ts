import net from 'node:net';
import tls from 'node:tls';
import { Inbox } from './inbox.ts';
import { CheckFailure, type Channel } from './failure.ts';

/**
 * One end of a TCP connection driven by a test: it plays a chat client when
 * testing a server, and a server when testing a client.
 */
export class Peer {
  readonly inbox: Inbox;
  readonly #record = (chunk: Buffer): void => this.inbox.push(chunk);

  constructor(
    readonly socket: net.Socket,
    who: string,
    channel: Channel = 'test-client',
  ) {
    this.inbox = new Inbox(who, channel);
    socket.on('data', this.#record);
    socket.on('close', () => this.inbox.close());
    // A reset by the other side is an event a check may expect, not a crash.
    socket.on('error', () => {});
  }

  /** Open a connection to a server under test; with `secure`, a TLS connection trusting its `ca`. */
  static connect(port: number, host: string, who: string, timeoutMs = 5000, secure?: tls.ConnectionOptions): Promise<Peer> {
    return new Promise((resolve, reject) => {
      const socket = secure ? tls.connect({ port, host, ...secure }) : net.connect({ port, host });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new CheckFailure({ en: `${who} could not connect within ${timeoutMs / 1000} s`, fr: `${who} n’a pas pu se connecter en ${timeoutMs / 1000} s` }),
        );
      }, timeoutMs);
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        resolve(new Peer(socket, who));
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(new CheckFailure({ en: `${who} could not connect: ${err.message}`, fr: `${who} n’a pas pu se connecter : ${err.message}` }));
      });
    });
  }

  /** The local port of this connection, as the server sees it. */
  get localPort(): number {
    return this.socket.localPort ?? 0;
  }

  send(data: string | Buffer): void {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    this.inbox.record(bytes);
    this.socket.write(bytes);
  }

  readUntil(expected: string | RegExp, timeoutMs?: number): Promise<string> {
    return this.inbox.readUntil(expected, timeoutMs);
  }

  readExactly(expected: string | Buffer, timeoutMs?: number): Promise<void> {
    return this.inbox.readExactly(expected, timeoutMs);
  }

  /** Everything received so far, as text. */
  get received(): string {
    return this.inbox.all.toString();
  }

  /**
   * Stop keeping what arrives (a check that counts megabytes of lines reads
   * them itself, with its own 'data' listener): the inbox keeps what it has.
   */
  stopRecording(): void {
    this.socket.off('data', this.#record);
  }

  /** Leave politely: send FIN, as a program that exits does. */
  end(): void {
    this.socket.end();
  }

  /** Leave abruptly: send RST, as a crashed machine or a cut cable looks. */
  reset(): void {
    this.socket.resetAndDestroy();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
