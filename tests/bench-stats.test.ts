// The load generator's arithmetic (bench/stats.ts): percentiles from its
// histogram, and the accounting of lost and corrupt deliveries.
import { describe, expect, it } from 'vitest';
import { Histogram, bucketRange, extra, latencyMs, lost } from '../bench/stats.ts';

describe('Histogram', () => {
  it('gives exact nearest-rank percentiles below 2 ms', () => {
    const histogram = new Histogram();
    for (let us = 1; us <= 100; us++) histogram.record(us);
    expect(histogram.percentile(50)).toBe(50);
    expect(histogram.percentile(95)).toBe(95);
    expect(histogram.percentile(99)).toBe(99);
    expect(histogram.percentile(100)).toBe(100);
    expect(histogram.percentile(0)).toBe(1);
  });

  it('stays within 0.1 % above 2 ms, up to minutes', () => {
    for (const us of [2048, 2049, 5_000, 123_456, 9_999_999, 600_000_000]) {
      const histogram = new Histogram();
      histogram.record(us);
      histogram.record(us * 2); // so that the percentile is not clamped to max
      const p = histogram.percentile(50);
      expect(Math.abs(p - us) / us).toBeLessThan(0.001);
    }
  });

  it('has buckets that tile the range with no gap', () => {
    for (let i = 2000; i < 23000; i++) expect(bucketRange(i)[1] + 1).toBe(bucketRange(i + 1)[0]);
  });

  it('clamps negative and huge values, and merges', () => {
    const a = new Histogram();
    a.record(-5); // a clock that stepped back: counted as 0
    a.record(1e15);
    const b = new Histogram();
    b.record(10);
    a.merge(b);
    expect(a.count).toBe(3);
    expect(a.percentile(50)).toBe(10);
    expect(a.max).toBe(1e15);
  });

  it('reports milliseconds, NaN when empty', () => {
    const histogram = new Histogram();
    expect(Number.isNaN(latencyMs(histogram).p99)).toBe(true);
    [1000, 2000, 3000].forEach((us) => histogram.record(us));
    expect(latencyMs(histogram)).toMatchObject({ p50: 2, max: 3 });
  });
});

describe('accounting', () => {
  it('counts a delivery lost only when it arrived neither whole nor damaged', () => {
    expect(lost({ expected: 1000, intact: 1000, corrupt: 0 })).toBe(0);
    expect(lost({ expected: 1000, intact: 990, corrupt: 0 })).toBe(10);
    // One message cut, the next glued to its head: two corrupt lines, nothing lost.
    expect(lost({ expected: 1000, intact: 998, corrupt: 2 })).toBe(0);
    expect(extra({ expected: 1000, intact: 1001, corrupt: 0 })).toBe(1);
  });
});
