// The capacity search of the bench (bench/capacity.ts): double while the
// server holds, then bisect between the last rate held and the first failed;
// a failed rate is tried twice.
import { describe, expect, it } from 'vitest';
import { type CapacityPlan, type CapacityStep, bounds, holds, nextRate } from '../bench/capacity.ts';

const plan: CapacityPlan = { start: 100, factor: 2, refine: 2, maxSteps: 10, min: 10, p99LimitMs: 50 };

/** Run the search against a server that holds any rate up to `capacity`, except on the attempts listed in `hiccups`. */
function search(capacity: number, options = plan, hiccups: number[] = []): CapacityStep[] {
  const steps: CapacityStep[] = [];
  for (let rate = nextRate(steps, options); rate !== null; rate = nextRate(steps, options)) {
    const ok = rate <= capacity && !hiccups.includes(steps.length);
    steps.push({ rate, p99Ms: ok ? 5 : 500, lost: 0, corrupt: 0 });
  }
  return steps;
}

describe('capacity search', () => {
  it('doubles, then bisects twice', () => {
    const steps = search(1000);
    expect(steps.map((step) => step.rate)).toEqual([100, 200, 400, 800, 1600, 1600, 1131, 1131, 951]);
    expect(bounds(steps, plan)).toEqual({ held: 951, failed: 1131 });
  });

  it('does not stop at one hiccup: a failed rate that holds when tried again counts as held', () => {
    const steps = search(1000, { ...plan, maxSteps: 20 }, [2]); // the first try of 400 fails
    expect(steps.map((step) => step.rate).slice(0, 5)).toEqual([100, 200, 400, 400, 800]);
    expect(bounds(steps, plan).held).toBe(951);
  });

  it('goes down when even the first rate fails, and gives up below the minimum', () => {
    expect(search(30).map((step) => step.rate)).toEqual([100, 100, 50, 50, 25, 35, 35, 30]);
    expect(bounds(search(30), plan).held).toBe(30);
    expect(search(5).map((step) => step.rate)).toEqual([100, 100, 50, 50, 25, 25, 13, 13]);
    expect(bounds(search(5), plan)).toEqual({ held: 0, failed: 13 });
  });

  it('stops after maxSteps when the server never fails', () => {
    const steps = search(Infinity, { ...plan, maxSteps: 4 });
    expect(steps.map((step) => step.rate)).toEqual([100, 200, 400, 800]);
    expect(bounds(steps, plan).failed).toBe(Infinity);
  });

  it('fails a step on one lost or corrupt message, or on p99 over the limit', () => {
    expect(holds({ rate: 1, p99Ms: 50, lost: 0, corrupt: 0 }, plan)).toBe(true);
    expect(holds({ rate: 1, p99Ms: 51, lost: 0, corrupt: 0 }, plan)).toBe(false);
    expect(holds({ rate: 1, p99Ms: 1, lost: 1, corrupt: 0 }, plan)).toBe(false);
    expect(holds({ rate: 1, p99Ms: 1, lost: 0, corrupt: 1 }, plan)).toBe(false);
  });
});
