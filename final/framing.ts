/**
 * Framing: TCP delivers a stream of bytes, cut into chunks at random places.
 * A LineReader turns those chunks back into the lines the sender wrote, and
 * never holds more than `maxLine` bytes of an unfinished line: a client that
 * streams megabytes without a newline costs the server `maxLine` bytes.
 */
export interface LineHandler {
  /** A complete line, without its "\n" or "\r\n". Only valid during the call: copy to keep it. */
  line(bytes: Buffer): void;
  /** A line longer than maxLine bytes: its bytes are dropped up to the next newline. */
  tooLong(): void;
}

const NEWLINE = 0x0a;
const CR = 0x0d;

export class LineReader {
  /** Made the first time a chunk ends inside a line, then kept: an idle connection costs no buffer. */
  #pending: Buffer | undefined;
  #length = 0;
  #discarding = false;

  constructor(
    readonly maxLine: number,
    private readonly handler: LineHandler,
  ) {}

  /** Bytes of an unfinished line held right now (never more than maxLine + 1). */
  get buffered(): number {
    return this.#length;
  }

  // #region push
  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const end = chunk.indexOf(NEWLINE, start);
      if (end === -1) {
        this.#keep(chunk.subarray(start));
        return;
      }
      if (this.#discarding) {
        this.#discarding = false; // the newline ends the line we were dropping
      } else if (this.#length === 0) {
        this.#emit(chunk.subarray(start, end)); // common case: the whole line is in this chunk, no copy
      } else {
        this.#keep(chunk.subarray(start, end));
        if (!this.#discarding) this.#emit(this.#pending!.subarray(0, this.#length));
        else this.#discarding = false;
        this.#length = 0;
      }
      start = end + 1;
    }
  }

  #keep(bytes: Buffer): void {
    if (this.#discarding) return;
    // +1 for the "\r" of a "\r\n" ending, which is not part of the line.
    this.#pending ??= Buffer.allocUnsafe(this.maxLine + 1);
    if (this.#length + bytes.length > this.#pending.length) {
      this.#length = 0;
      this.#discarding = true;
      this.handler.tooLong();
      return;
    }
    bytes.copy(this.#pending, this.#length);
    this.#length += bytes.length;
  }

  #emit(line: Buffer): void {
    const bytes = line.length > 0 && line[line.length - 1] === CR ? line.subarray(0, -1) : line;
    if (bytes.length > this.maxLine) this.handler.tooLong();
    else this.handler.line(bytes);
  }
  // #endregion push
}
