/**
 * Timestamped, one-line logs of what happens on the server: who and why,
 * never what anyone said, never a password.
 */
export type Logger = (event: string, detail?: string) => void;

export function consoleLogger(stream: NodeJS.WritableStream = process.stdout): Logger {
  return (event, detail) => {
    stream.write(`${new Date().toISOString()} ${event}${detail ? ` ${detail}` : ''}\n`);
  };
}

/** A logger that says nothing (for tests and benchmarks that do not read logs). */
export const silentLogger: Logger = () => {};

/** "127.0.0.1:41234", "[::1]:41234": how a peer is written in the logs. */
export function formatAddress(ip: string | undefined, port: number | undefined): string {
  return ip?.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/**
 * A URL fit for a log: "redis://user:secret@host" is written "redis://user:***@host".
 * Up to the last "@": a password typed with "@" or "/" in it is hidden whole.
 */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):.*@/i, '$1:***@');
}

// #region summary
/**
 * Repeated events in a few lines instead of one line each: the first event
 * of a key (an address, say) is logged in full; the next ones are counted,
 * and every `periodMs` one line says how many there were:
 *
 *   summary.log('refused', ip, `${address}: too many connections`, 'connections')
 *   → refused 10.0.0.7:40001: too many connections
 *   → refused 523 more connections from 10.0.0.7 in 10 s
 *
 * A key quiet for a whole period starts afresh (its next event is logged in full).
 */
export class Summary {
  /** Per event and key: how many went unlogged in this period, and what to call them. */
  #counts = new Map<string, { event: string; key: string; noun: string; count: number }>();
  #timer: NodeJS.Timeout | undefined;

  /** `maxKeys` bounds its memory: beyond, events are counted under "other addresses" (many addresses at once). */
  constructor(
    private readonly write: Logger,
    readonly periodMs = 10_000,
    readonly maxKeys = 10_000,
  ) {}

  /** Log `event` for `key` (its first in this period), or count it; `noun` names many of them ("connections"). */
  log(event: string, key: string, detail: string, noun: string): void {
    if (this.#counts.size >= this.maxKeys && !this.#counts.has(`${event}\n${key}`)) key = 'other addresses';
    const id = `${event}\n${key}`;
    const seen = this.#counts.get(id);
    if (seen) {
      seen.count++;
      return;
    }
    this.#counts.set(id, { event, key, noun, count: 0 });
    this.write(event, detail);
    this.#timer ??= setInterval(() => this.flush(), this.periodMs).unref();
  }

  /** End the period now: one line per key that had more events; keys with none start afresh. */
  flush(): void {
    const seconds = this.periodMs / 1000;
    for (const [id, seen] of this.#counts) {
      if (seen.count === 0) this.#counts.delete(id);
      else {
        this.write(seen.event, `${seen.count} more ${seen.noun} from ${seen.key} in ${seconds} s`);
        seen.count = 0;
      }
    }
    if (this.#counts.size === 0) this.stop();
  }

  /** Stop the timer (the server is stopping): call flush() first to write what was counted. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
// #endregion summary
