/**
 * The load generator: connects N clients, then makes some of them send
 * messages, at full speed (as fast as a window of messages in flight allows)
 * or at a fixed rate, while every client counts what it receives.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Activity, BenchClient } from './client.ts';
import { DeliveryTally } from './cross.ts';
import { BODY_SIZE, readId, writeBody } from './message.ts';
import { nickOf, type Protocol } from './protocols.ts';
import { LineScanner, newCounts, type LineCounts } from './scanner.ts';
import { Histogram } from './stats.ts';

export interface Measure {
  counts: LineCounts;
  latency: Histogram;
  /** Messages sent, and deliveries owed for them. */
  sent: number;
  expected: number;
  startedMs: number;
  /** With several servers: who received which message, to check each delivery happens exactly once. */
  tally: DeliveryTally | null;
}

export class ClientPool {
  readonly clients: BenchClient[] = [];
  readonly activity: Activity = { lastDataMs: 0, closed: 0 };
  #nextId = 0;
  measure: Measure | null = null;
  /** Where the clients connect: one port, or one per server sharing the room. */
  readonly ports: number[];

  constructor(
    port: number | number[],
    readonly protocol: Protocol,
  ) {
    this.ports = typeof port === 'number' ? [port] : port;
  }

  /** The server (index in `ports`) client `index` connects to: the clients take turns. */
  serverOf(index: number): number {
    return index % this.ports.length;
  }

  /**
   * Connect `count` clients, `concurrency` handshakes at a time. Stops at
   * `deadlineMs` (then fewer are connected) or at the first failed handshake
   * (it throws: the harness or the server is broken).
   */
  async connect(count: number, { concurrency = 100, deadlineMs = Infinity, timeoutMs = 15000 } = {}): Promise<void> {
    const deadline = performance.now() + deadlineMs;
    let next = this.clients.length;
    const target = next + count;
    const worker = async () => {
      while (next < target && performance.now() < deadline) {
        const index = next++;
        const client = await BenchClient.join(this.ports[this.serverOf(index)]!, this.protocol, nickOf(index), this.activity, timeoutMs);
        this.clients[index] = client;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
    // Past the deadline, keep only the clients that finished (there are no gaps: workers took indexes in order).
    const gap = this.clients.findIndex((client) => client === undefined);
    if (gap !== -1) {
      for (const client of this.clients.slice(gap)) client?.socket.destroy();
      this.clients.length = gap;
    }
  }

  /** Wait until nothing has arrived for `idleMs` (join notices...), at most `maxMs`. */
  async quiet(idleMs = 150, maxMs = 10000): Promise<boolean> {
    const start = performance.now();
    for (;;) {
      const now = performance.now();
      if (now - this.activity.lastDataMs >= idleMs) return true;
      if (now - start > maxMs) return false;
      await sleep(Math.max(5, idleMs - (now - this.activity.lastDataMs)));
    }
  }

  /**
   * Start counting: from now on every client scans what it receives. With
   * several servers, every delivery is also tallied by message id (it costs
   * the generator a little CPU per delivery, so not with one server).
   */
  startMeasure(): Measure {
    const tally =
      this.ports.length > 1
        ? new DeliveryTally(
            this.clients.map((_, index) => this.serverOf(index)),
            { echo: this.protocol.echo },
          )
        : null;
    const measure: Measure = { counts: newCounts(), latency: new Histogram(), sent: 0, expected: 0, startedMs: performance.now(), tally };
    this.clients.forEach((client, index) => {
      client.scanner = new LineScanner(this.protocol.format, measure.counts, measure.latency, (line) => client.answer(line));
      if (tally) client.scanner.onIntact = (bytes, bodyAt) => tally.received(index, readId(bytes, bodyAt));
    });
    this.measure = measure;
    return measure;
  }

  /** Deliveries a message owes: every client, or all but its sender when the server does not echo. */
  get receiversPerMessage(): number {
    return this.protocol.echo ? this.clients.length : this.clients.length - 1;
  }

  /** Frame `count` messages into one buffer (one write, one system call). */
  frame(count: number): Buffer {
    const { head, tail } = this.protocol;
    const size = head.length + BODY_SIZE + tail.length;
    const bytes = Buffer.allocUnsafe(size * count);
    const nowUs = Math.round(performance.now() * 1000);
    for (let i = 0; i < count; i++) {
      const at = i * size;
      bytes.write(head, at, 'latin1');
      writeBody(bytes, at + head.length, this.#nextId++, nowUs);
      bytes.write(tail, at + head.length + BODY_SIZE, 'latin1');
    }
    return bytes;
  }

  /** Send `count` messages from client `index`; false when its socket buffer is full. */
  send(index: number, count = 1): boolean {
    const measure = this.measure;
    if (!measure) throw new Error('startMeasure() first');
    measure.sent += count;
    measure.expected += count * this.receiversPerMessage;
    measure.tally?.sent(index, this.#nextId, count);
    return this.clients[index]!.socket.write(this.frame(count));
  }

  destroy(): void {
    for (const client of this.clients) client?.socket.destroy(); // holes: handshakes cut short by an error
  }
}

export interface FullSpeed {
  /** Clients that send, taking turns. */
  senders: number[];
  durationMs: number;
  /** Messages in flight at most: sent, but not yet received by the watched client. */
  window: number;
  /** Messages per write, at most. */
  batch: number;
}

/**
 * Send as fast as the server relays: the senders keep at most `window`
 * messages in flight towards the last client (the last one the servers serve),
 * a closed loop, so the server is never asked to buffer more than that.
 */
export async function fullSpeed(pool: ClientPool, { senders, durationMs, window, batch }: FullSpeed): Promise<void> {
  const watchedIndex = pool.clients.length - 1;
  const watched = pool.clients[watchedIndex]!;
  const echo = pool.protocol.echo;
  let owed = 0; // messages the watched client should receive
  let turn = 0;
  let blocked = 0;
  const end = performance.now() + durationMs;
  let running = true;
  const pump = () => {
    while (running && blocked < senders.length) {
      const room = window - (owed - watched.scanner!.seen);
      if (room <= 0) return;
      const index = senders[turn++ % senders.length]!;
      const count = Math.min(batch, room);
      const client = pool.clients[index]!;
      if (echo || index !== watchedIndex) owed += count;
      if (!pool.send(index, count)) {
        blocked++;
        client.socket.once('drain', () => {
          blocked--;
          pump();
        });
      }
    }
  };
  watched.afterData = pump;
  pump();
  await sleep(Math.max(0, end - performance.now()));
  running = false;
  watched.afterData = null;
}

export interface Paced {
  senders: number[];
  /** Messages per second, all senders together; each sends rate / senders.length. */
  rate: number;
  durationMs: number;
  /** Stop early when the watched client lags this many seconds of traffic behind (the step has failed). */
  abortLagS?: number;
}

/** Send at a fixed total rate, the senders taking turns; resolves with false when aborted for lag. */
export async function paced(pool: ClientPool, { senders, rate, durationMs, abortLagS }: Paced): Promise<boolean> {
  const watchedIndex = pool.clients.length - 1;
  const watched = pool.clients[watchedIndex]!;
  const echo = pool.protocol.echo;
  const start = performance.now();
  let sent = 0;
  let owed = 0;
  let turn = 0;
  let lastCheck = start;
  for (;;) {
    const now = performance.now();
    const elapsed = now - start;
    if (elapsed >= durationMs) return true;
    const due = Math.floor((rate * elapsed) / 1000) - sent;
    for (let i = 0; i < due; i++) {
      const index = senders[turn++ % senders.length]!;
      pool.send(index);
      if (echo || index !== watchedIndex) owed++;
    }
    sent += Math.max(0, due);
    if (abortLagS !== undefined && now - lastCheck >= 100) {
      lastCheck = now;
      if (owed - watched.scanner!.seen > rate * abortLagS) return false;
    }
    await sleep(2);
  }
}

/**
 * Wait until every delivery owed has arrived, or nothing has arrived for
 * `idleMs`, or `maxMs` have passed. Resolves with when the last one arrived.
 */
export async function drain(pool: ClientPool, { idleMs = 500, maxMs = 3000 } = {}): Promise<number> {
  const measure = pool.measure!;
  const start = performance.now();
  for (;;) {
    const { intact, corrupt } = measure.counts;
    const now = performance.now();
    if (intact + corrupt >= measure.expected) break;
    if (now - Math.max(start, pool.activity.lastDataMs) >= idleMs || now - start >= maxMs) break;
    await sleep(5);
  }
  return pool.activity.lastDataMs;
}
