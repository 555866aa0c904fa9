/**
 * One simulated user: a TCP connection that performs its server's handshake,
 * then hands every chunk it receives to a LineScanner once the measurement
 * has started (before that, what arrives is only timed, for quiet()).
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Protocol } from './protocols.ts';
import type { LineScanner } from './scanner.ts';

/** Longest handshake text kept while waiting for a reply (join notices pile up there). */
const MAX_PENDING = 1 << 20;
/**
 * Every client reads into this one buffer (net's `onread` option): no new
 * Buffer per read, no stream machinery. Reads run one at a time, and the
 * scanner copies the unfinished line it keeps.
 */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

/** When anything last arrived, on any client of a run. */
export interface Activity {
  lastDataMs: number;
  closed: number;
}

export class BenchClient {
  scanner: LineScanner | null = null;
  /** Called after each chunk, once measuring (the senders' window listens here). */
  afterData: (() => void) | null = null;
  #pending = '';
  #waiter: { text: string; resolve: () => void } | null = null;
  #failed: Error | null = null;
  #onFail: ((error: Error) => void) | null = null;
  #inRoom = false;

  private constructor(
    readonly socket: net.Socket,
    readonly protocol: Protocol,
    readonly activity: Activity,
  ) {
    socket.on('error', (error) => this.#fail(error));
    socket.on('close', () => {
      activity.closed++;
      this.#fail(new Error('connection closed by the server'));
    });
  }

  /** Connect to 127.0.0.1:port and perform the handshake under `nick`, within `timeoutMs`. */
  static async join(port: number, protocol: Protocol, nick: string, activity: Activity, timeoutMs: number): Promise<BenchClient> {
    // `client` is made just below: the first read comes in a later turn of the event loop.
    const socket = net.connect({
      port,
      host: '127.0.0.1',
      noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        callback: (length) => {
          client.#data(READ_BUFFER, length);
          return true; // keep reading
        },
      },
    });
    const client = new BenchClient(socket, protocol, activity);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.#handshake(nick),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`handshake of ${nick} took more than ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      socket.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return client;
  }

  async #handshake(nick: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.#onFail = reject;
    });
    const failed = new Promise<never>((_, reject) => {
      this.#onFail = reject;
    });
    failed.catch(() => {}); // awaited below through the race
    const io = {
      send: (text: string) => void this.socket.write(text),
      waitFor: (text: string) =>
        Promise.race([
          failed,
          new Promise<void>((resolve) => {
            this.#waiter = { text, resolve };
            this.#check();
          }),
        ]),
    };
    await this.protocol.handshake(io, nick);
    this.#inRoom = true;
    this.#pending = '';
  }

  #fail(error: Error): void {
    if (this.#failed) return;
    this.#failed = error;
    this.#onFail?.(error);
  }

  /** Did the connection fail or close? */
  get failed(): Error | null {
    return this.#failed;
  }

  #data(buffer: Buffer, length: number): void {
    const scanner = this.scanner;
    if (scanner) {
      const now = performance.now();
      this.activity.lastDataMs = now;
      scanner.push(buffer, now * 1000, length);
      this.afterData?.();
      return;
    }
    this.activity.lastDataMs = performance.now();
    if (this.#inRoom) return; // join notices and the like, before the measurement
    this.#pending += buffer.toString('latin1', 0, length);
    if (this.#pending.length > MAX_PENDING) this.#pending = this.#pending.slice(-MAX_PENDING / 2);
    this.#check();
  }

  #check(): void {
    const waiter = this.#waiter;
    if (!waiter) return;
    const at = this.#pending.indexOf(waiter.text);
    if (at === -1) {
      // Keep only what could still be the start of the awaited text.
      this.#pending = this.#pending.slice(-(waiter.text.length - 1) || this.#pending.length);
      return;
    }
    this.#pending = this.#pending.slice(at + waiter.text.length);
    this.#waiter = null;
    waiter.resolve();
  }

  /** Answer a line that asks for it (IRC's PING). */
  answer(line: Buffer): void {
    const reply = this.protocol.answer?.(line);
    if (reply) this.socket.write(reply);
  }
}
