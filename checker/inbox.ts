import { escapeBytes } from './bytes.ts';
import { CheckFailure, type Channel, type Sent } from './failure.ts';

/** How long a check waits for an expected text before it fails (CI machines are slow). */
export const DEFAULT_WAIT_MS = Number(process.env.CHECK_TIMEOUT_MS ?? 5000);

/**
 * Everything received from one peer (a socket, or a program's output), read
 * with a cursor. TCP may split or glue chunks at will, so expectations are
 * about text appearing in the byte stream, in order, never about chunks.
 */
export class Inbox {
  #buffer = Buffer.alloc(4096);
  #length = 0;
  #cursor = 0;
  #closed = false;
  #waiters = new Set<() => void>();
  /** What the test sent to this peer, for failure reports. */
  readonly sent: Buffer[] = [];
  /**
   * Every send of the conversation this inbox belongs to (all the test's
   * clients of one server), shared with the other inboxes: set by the Lab.
   */
  transcript: Sent[] | undefined;

  constructor(
    readonly who: string,
    readonly channel?: Channel,
  ) {}

  /** The test sends `bytes` to this peer: remember them for failure reports. */
  record(bytes: Buffer): void {
    this.sent.push(bytes);
    this.transcript?.push({ by: this.who, bytes });
  }

  push(chunk: Buffer): void {
    if (this.#length + chunk.length > this.#buffer.length) {
      // Grow by doubling, so that megabytes arrive in linear time.
      const bigger = Buffer.alloc(Math.max(this.#buffer.length * 2, this.#length + chunk.length));
      this.#buffer.copy(bigger, 0, 0, this.#length);
      this.#buffer = bigger;
    }
    chunk.copy(this.#buffer, this.#length);
    this.#length += chunk.length;
    this.#wake();
  }

  /** Everything received so far (a view: copy it to keep it). */
  get #data(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }

  close(): void {
    this.#closed = true;
    this.#wake();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Everything received so far. */
  get all(): Buffer {
    return this.#data;
  }

  /** Received but not yet consumed by an expectation. */
  get unread(): Buffer {
    return this.#data.subarray(this.#cursor);
  }

  /**
   * Wait until `expected` (a text, or a pattern for the text) appears after the
   * cursor; move the cursor past it and return what came before it. Fails after
   * `timeoutMs`, or as soon as the peer closes without sending it.
   */
  async readUntil(expected: string | RegExp, timeoutMs = DEFAULT_WAIT_MS): Promise<string> {
    let from = this.#cursor; // a text: where the next search starts (what was searched is not again)
    const find = (): { at: number; length: number } | null => {
      if (typeof expected === 'string') {
        const length = Buffer.byteLength(expected);
        const at = this.#data.indexOf(expected, from);
        if (at === -1) from = Math.max(from, this.#data.length - length + 1);
        return at === -1 ? null : { at, length };
      }
      const text = this.unread.toString('utf8');
      const match = new RegExp(expected.source, expected.flags.replace('g', '')).exec(text);
      if (!match) return null;
      // Offsets in bytes, not in UTF-16 characters: "é" is one character, two bytes.
      return { at: this.#cursor + Buffer.byteLength(text.slice(0, match.index)), length: Buffer.byteLength(match[0]) };
    };
    const label = typeof expected === 'string' ? expected : String(expected);
    await this.#waitFor(() => find() !== null, label, timeoutMs);
    const { at, length } = find()!;
    const before = this.#data.subarray(this.#cursor, at).toString();
    this.#cursor = at + length;
    return before;
  }

  /** Wait until the unread bytes start with `expected` exactly (nothing before it): a text, or bytes. */
  async readExactly(expected: string | Buffer, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    const needle = Buffer.from(expected);
    await this.#waitFor(() => this.unread.length >= needle.length, expected, timeoutMs);
    if (!this.unread.subarray(0, needle.length).equals(needle)) {
      const shown = escapeBytes(expected);
      throw this.failure({ en: `expected exactly ${shown} here`, fr: `attendu exactement ${shown} ici` }, expected);
    }
    this.#cursor += needle.length;
  }

  /** Wait until the peer has closed its side. */
  async waitClosed(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    await this.#waitFor(() => this.#closed, undefined, timeoutMs);
  }

  /** A failure about this peer: what it was sent, and what it sent back (by default, what is unread). */
  failure(reason: { en: string; fr: string }, expected?: string | Buffer, received: Buffer = Buffer.from(this.unread)): CheckFailure {
    return new CheckFailure(reason, {
      who: this.who,
      ...(this.channel && { channel: this.channel }),
      ...(expected !== undefined && { expected }),
      received,
      sent: this.transcript ? [...this.transcript] : this.sent.map((bytes) => ({ by: this.who, bytes })),
    });
  }

  #wake(): void {
    for (const wake of this.#waiters) wake();
  }

  #waitFor(done: () => boolean, expected: string | Buffer | undefined, timeoutMs: number): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (done()) finish();
        else if (this.#closed) {
          finish(
            this.failure(
              expected === undefined
                ? { en: `${this.who} closed before the expected event`, fr: `${this.who} a fermé avant l’événement attendu` }
                : this.channel === 'output'
                  ? {
                      en: `the ${this.who} stopped before printing the expected text`,
                      fr: `le programme (${this.who}) s’est arrêté avant d’afficher le texte attendu`,
                    }
                  : {
                      en: 'the connection closed before the expected text arrived',
                      fr: 'la connexion s’est fermée avant l’arrivée du texte attendu',
                    },
              expected,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        const seconds = timeoutMs / 1000;
        finish(
          this.failure(
            expected === undefined
              ? { en: `${this.who} still open after ${seconds} s`, fr: `${this.who} toujours ouvert après ${seconds} s` }
              : {
                  // Who sent what to whom is in the report's sent/expected/received lines.
                  en: `the expected text did not arrive within ${seconds} s`,
                  fr: `le texte attendu n’est pas arrivé en ${seconds} s`,
                },
            expected,
          ),
        );
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }
}
