/**
 * The capacity search of scenario (c): raise the message rate until the
 * server fails a step (p99 latency over the limit, a message lost or
 * corrupt), then narrow down between the last rate held and the first failed.
 * A failed step is tried once more before it counts: on a shared machine, one
 * hiccup of another process should not end the search.
 */
export interface CapacityPlan {
  /** First rate tried, in messages per second (all senders together). */
  start: number;
  /** Factor between steps while every step holds. */
  factor: number;
  /** Bisection steps once a failing rate is known. */
  refine: number;
  /** Steps in all, at most. */
  maxSteps: number;
  /** Lowest rate worth trying when even the first step fails. */
  min: number;
  /** A step holds when its p99 latency is at most this (ms), and nothing is lost or corrupt. */
  p99LimitMs: number;
}

export interface CapacityStep {
  rate: number;
  p99Ms: number;
  lost: number;
  corrupt: number;
}

export const holds = (step: CapacityStep, plan: CapacityPlan): boolean => step.lost === 0 && step.corrupt === 0 && step.p99Ms <= plan.p99LimitMs;

/** The highest rate held (0 if none), and the lowest rate that failed above it, every time it was tried (Infinity if none). */
export function bounds(steps: CapacityStep[], plan: CapacityPlan): { held: number; failed: number } {
  const held = Math.max(0, ...steps.filter((step) => holds(step, plan)).map((step) => step.rate));
  const failed = Math.min(Infinity, ...steps.filter((step) => step.rate > held).map((step) => step.rate));
  return { held, failed };
}

/** The next rate to try, or null when the search is over. */
export function nextRate(steps: CapacityStep[], plan: CapacityPlan): number | null {
  if (steps.length === 0) return plan.start;
  if (steps.length >= plan.maxSteps) return null;
  const last = steps.at(-1)!;
  const retried = steps.at(-2)?.rate === last.rate;
  if (!holds(last, plan) && !retried) return last.rate; // once more, in case it was noise
  const { held, failed } = bounds(steps, plan);
  if (failed === Infinity) return Math.round(held * plan.factor); // still climbing
  if (held === 0) {
    const lower = Math.round(failed / plan.factor); // even the first step failed: go down
    return lower >= plan.min ? lower : null;
  }
  // Bisection rates tried so far: those off the ladder start × factor^k that the search climbs (or descends).
  const onLadder = (rate: number) => {
    const k = Math.log(rate / plan.start) / Math.log(plan.factor);
    return Math.abs(k - Math.round(k)) < 0.1;
  };
  const refined = new Set(steps.map((step) => step.rate).filter((rate) => !onLadder(rate))).size;
  if (refined >= plan.refine) return null;
  const middle = Math.round(Math.sqrt(held * failed));
  return middle > held && middle < failed ? middle : null;
}
