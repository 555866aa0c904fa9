// The bench's summary of several runs: medians, spreads, the run shown as
// typical, and the floor a scenario is judged against.
import { describe, expect, it } from 'vitest';
import { headline } from '../bench/report.ts';
import type { RunResult } from '../bench/scenarios.ts';
import { groupRuns, median, medianRun, range, spread } from '../bench/summary.ts';

/** A run of `scenario` on `server` that measured `cpu` µs per delivery and `p99` ms. */
function run(scenario: string, server: string, cpu: number, p99 = 1, kind: RunResult['kind'] = 'chatter'): RunResult {
  return {
    scenario,
    kind,
    server,
    clients: 500,
    connected: 500,
    connectMs: 1,
    connectCpuS: { server: 0, harness: 0 },
    closed: 0,
    peakRss: 0,
    processes: [],
    measured: {
      sent: 1,
      expected: 1,
      intact: 1,
      corrupt: 0,
      other: 0,
      reads: 1,
      lost: 0,
      seconds: 1,
      deliveriesPerS: 1,
      latency: { p50: p99, p95: p99, p99, max: p99 },
      serverCpuS: cpu,
      cpuByProcess: [cpu],
      cpuUsPerDelivery: cpu,
      harnessCpuS: 0,
      harnessSystemS: 0,
      harnessBound: false,
      otherCpuS: 0,
    },
  };
}

describe('summary of several runs', () => {
  it('takes the median of an odd and an even count, ignoring what was not measured', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, NaN, undefined, 1, 3])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it('gives the spread as lowest–highest, or one value when they agree', () => {
    expect(spread([2, 9, 4])).toEqual([2, 9]);
    expect(range([1.3, 1.41, 1.35], (v) => v.toFixed(2))).toBe('1.30–1.41');
    expect(range([1.001, 1.002], (v) => v.toFixed(2))).toBe('1.00');
    expect(range([NaN], String)).toBe('–');
  });

  it('shows the median run itself (the lower middle one for an even count)', () => {
    const runs = [run('b500', 'final', 3), run('b500', 'final', 1), run('b500', 'final', 2), run('b500', 'final', 9)];
    expect(medianRun(runs, (r) => r.measured?.cpuUsPerDelivery).measured?.cpuUsPerDelivery).toBe(2);
  });

  it('groups runs by scenario and server, in the order they came', () => {
    const groups = groupRuns([run('a', 'final', 1), run('a', 'floor', 1), run('a', 'final', 2), run('b', 'final', 1)]);
    expect(groups.map((g) => `${g.scenario}/${g.server}/${g.runs.length}`)).toEqual(['a/final/2', 'a/floor/1', 'b/final/1']);
  });
});

describe('targets against the floor', () => {
  it('judges the median, not the best or the worst run', () => {
    const results = [...[1.0, 1.05, 2.0].map((cpu) => run('b500', 'final', cpu)), ...[1.0, 0.5, 1.0].map((cpu) => run('b500', 'floor', cpu))];
    const line = headline(results).find((text) => text.includes('chatter N = 500 (µs)'))!;
    expect(line).toContain('1.05× the floor');
    expect(line).toMatch(/met$/);
    expect(line).not.toContain('NOT');
  });

  it('in the steady fan-out, takes the cheaper of the floor and step 04', () => {
    const results = [run('s500', 'final', 1.0, 1, 'steady'), run('s500', 'floor', 1.2, 1, 'steady'), run('s500', 'step 04', 0.8, 1, 'steady')];
    const line = headline(results).find((text) => text.includes('steady'))!;
    expect(line).toContain('1.25× step 04 (the cheaper floor here)');
    expect(line).toContain('NOT met');
  });
});
