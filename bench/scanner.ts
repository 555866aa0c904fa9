/**
 * The receiving side of the load generator: counts the messages in a byte
 * stream without decoding it. A message line has a known length (the server's
 * prefix, the body, the line end), so the common case checks five bytes and
 * jumps to the next line; only an odd line is searched for its end and
 * classified: a notice, a cut message, two messages glued together.
 */
import { BODY_SIZE, isBody, readSentUs } from './message.ts';
import type { Histogram } from './stats.ts';

const LF = 0x0a;
const CR = 0x0d;
/** Longest unfinished line kept between two chunks; longer is counted corrupt and dropped. */
const MAX_CARRY = 1 << 20;

/** How a server writes the messages it relays. */
export interface LineFormat {
  bodySize?: number;
  /** Bytes before the body ("c00001: " is 8; 0 for a server that relays raw bytes); learned from the first message when unknown. */
  prefix?: number;
  /** Lines end with "\r\n" (IRC). */
  crlf?: boolean;
  /** Is this line (without its end) an expected non-message, a notice or a PING? Otherwise an odd line is corrupt. */
  isOther?(line: Buffer): boolean;
}

/** Counters shared by all the receivers of a run. */
export interface LineCounts {
  /** Chunks read: deliveries per read tell how well the server batches its writes. */
  reads: number;
  intact: number;
  corrupt: number;
  other: number;
}

export const newCounts = (): LineCounts => ({ reads: 0, intact: 0, corrupt: 0, other: 0 });

export class LineScanner {
  /** Message lines seen by this receiver, intact or not (the senders' window looks at it). */
  seen = 0;
  /** Called with each intact message and where its body starts (to tally deliveries by message id), if set. */
  onIntact: ((bytes: Buffer, bodyAt: number) => void) | null = null;
  #carry: Buffer | null = null;
  #lineLength: number;
  #first = -1; // first byte of a message line, once known
  readonly #body: number;
  readonly #end: number; // bytes of the line end

  constructor(
    readonly format: LineFormat,
    readonly counts: LineCounts,
    readonly latency: Histogram | null,
    readonly onOther?: (line: Buffer) => void,
  ) {
    this.#body = format.bodySize ?? BODY_SIZE;
    this.#end = format.crlf ? 2 : 1;
    this.#lineLength = format.prefix === undefined ? 0 : format.prefix + this.#body + this.#end;
  }

  /** Forget an unfinished line (what arrived before the measurement started). */
  reset(): void {
    this.#carry = null;
  }

  /**
   * Scan the first `n` bytes of a chunk; `nowUs` is when it arrived, for the
   * latency of the messages it completes. The chunk is not kept: the caller
   * may reuse it.
   */
  push(chunk: Buffer, nowUs: number, n = chunk.length): void {
    this.counts.reads++;
    let pos = 0;
    if (this.#carry) {
      let newline = chunk.indexOf(LF);
      if (newline >= n) newline = -1;
      if (newline === -1) {
        this.#carry = this.#carry.length + n > MAX_CARRY ? this.#dropCarry() : Buffer.concat([this.#carry, chunk.subarray(0, n)]);
        return;
      }
      const line = Buffer.concat([this.#carry, chunk.subarray(0, newline + 1)]);
      this.#carry = null;
      this.#line(line, 0, line.length, nowUs);
      pos = newline + 1;
    }
    const body = this.#body;
    const end = this.#end;
    while (pos < n) {
      const length = this.#lineLength;
      // Fast path: a message line of the usual length. Only line ends hold "\n"
      // and a body holds none, so a "\n" right where this line should end, with
      // a whole body before it, is this line's end (see scanner tests).
      if (length !== 0 && pos + length <= n && chunk[pos + length - 1] === LF && chunk[pos] === this.#first) {
        const at = pos + length - end - body;
        if ((end === 1 || chunk[pos + length - 2] === CR) && isBody(chunk, at, body)) {
          this.counts.intact++;
          this.seen++;
          this.latency?.record(nowUs - readSentUs(chunk, at));
          this.onIntact?.(chunk, at);
          pos += length;
          continue;
        }
      }
      const newline = chunk.indexOf(LF, pos);
      if (newline === -1 || newline >= n) {
        this.#carry = Buffer.from(chunk.subarray(pos, n)); // a copy: the chunk is not ours to keep
        return;
      }
      this.#line(chunk, pos, newline + 1, nowUs);
      pos = newline + 1;
    }
  }

  #dropCarry(): null {
    this.counts.corrupt++;
    this.seen++;
    return null;
  }

  /** Classify the line bytes[start, end), its "\n" included. */
  #line(bytes: Buffer, start: number, end: number, nowUs: number): void {
    let stop = end - 1;
    if (this.#end === 2 && stop > start && bytes[stop - 1] === CR) stop--;
    const at = stop - this.#body;
    if (at >= start && isBody(bytes, at, this.#body)) {
      if (this.#lineLength === 0) this.#lineLength = end - start; // learn the server's prefix
      if (this.#first === -1 && end - start === this.#lineLength) this.#first = bytes[start]!;
      this.seen++;
      if (end - start === this.#lineLength) {
        this.counts.intact++;
        this.latency?.record(nowUs - readSentUs(bytes, at));
        this.onIntact?.(bytes, at);
      } else {
        this.counts.corrupt++; // glued to the end of a cut message
      }
      return;
    }
    const line = bytes.subarray(start, stop);
    if (this.format.isOther?.(line)) {
      this.counts.other++;
      this.onOther?.(line);
    } else {
      this.counts.corrupt++; // the rest of a cut message, or bytes that are no message at all
      this.seen++;
    }
  }
}
