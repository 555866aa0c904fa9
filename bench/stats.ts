/**
 * Latency percentiles and message accounting. Latencies go into a histogram
 * (exact to 1 µs below 2 ms, then within 0.1 %), so that millions of
 * deliveries cost a few array increments, not a sort.
 */
const LINEAR = 2048; // values below this many µs have a bucket each
const SUB = 1024; // buckets per power of two above it
const MAX_US = 2 ** 31 - 1; // 35 minutes: anything slower is clamped
const BUCKETS = LINEAR + (31 - 11) * SUB;

function bucketOf(us: number): number {
  const v = us <= 0 ? 0 : us >= MAX_US ? MAX_US : Math.floor(us);
  if (v < LINEAR) return v;
  const exponent = 31 - Math.clz32(v); // 11 and up
  return LINEAR + (exponent - 11) * SUB + ((v >>> (exponent - 10)) - SUB);
}

/** The smallest and largest value that fall in bucket `index`. */
export function bucketRange(index: number): [number, number] {
  if (index < LINEAR) return [index, index];
  const k = index - LINEAR;
  const width = 2 ** (Math.floor(k / SUB) + 1);
  const low = (SUB + (k % SUB)) * width;
  return [low, low + width - 1];
}

export class Histogram {
  readonly #counts = new Float64Array(BUCKETS);
  count = 0;
  min = Infinity;
  max = 0;

  /** Record one value, in µs. */
  record(us: number): void {
    this.#counts[bucketOf(us)]!++;
    this.count++;
    if (us > this.max) this.max = us;
    if (us < this.min) this.min = us;
  }

  /**
   * The value at percentile `p` (0-100), nearest rank: at least p % of the
   * values are at or below it. The middle of its bucket, kept within min..max.
   */
  percentile(p: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#counts[i]!;
      if (seen >= rank) {
        const [low, high] = bucketRange(i);
        return Math.min(this.max, Math.max(this.min, (low + high) / 2));
      }
    }
    return this.max;
  }

  merge(other: Histogram): void {
    for (let i = 0; i < BUCKETS; i++) this.#counts[i]! += other.#counts[i]!;
    this.count += other.count;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50, p95, p99 and max, in milliseconds (NaN when nothing was measured). */
export function latencyMs(histogram: Histogram): Latency {
  const ms = (us: number) => us / 1000;
  return {
    p50: ms(histogram.percentile(50)),
    p95: ms(histogram.percentile(95)),
    p99: ms(histogram.percentile(99)),
    max: histogram.count ? ms(histogram.max) : NaN,
  };
}

/** What the receivers counted, against what the senders sent. */
export interface Tally {
  /** Deliveries owed: each message sent, times the clients that should receive it. */
  expected: number;
  /** Whole messages received, at the right place in their line. */
  intact: number;
  /** Lines that hold a cut message, or one glued to another. */
  corrupt: number;
}

/**
 * Deliveries that never arrived. A corrupt line is a message that arrived
 * damaged, not a lost one: a cut message and the one glued to its head make
 * two corrupt lines for two messages.
 */
export function lost(tally: Tally): number {
  return Math.max(0, tally.expected - tally.intact - tally.corrupt);
}

/** Received more than was sent: a message duplicated, or the accounting is wrong. */
export function extra(tally: Tally): number {
  return Math.max(0, tally.intact + tally.corrupt - tally.expected);
}
