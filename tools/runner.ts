// Run a step's checks against a target: the server must start first, then
// the checks run a few at a time, each with its own programs and ports.
import { cpus } from 'node:os';
import { runCheck, type Check, type Outcome } from '../checker/check.ts';
import type { Target } from '../checker/target.ts';
import type { Step } from '../course/index.ts';
import { messages } from './messages.ts';

export interface Result {
  check: Check;
  /** Null: not run, because the server did not start (or an earlier check failed, with `bail`). */
  outcome: Outcome | null;
}

/** The first behaviour of every step with a server: it starts, and listens on PORT. */
export const startsCheck: Check = {
  id: 'starts',
  title: { en: messages('en').starts, fr: messages('fr').starts },
  hint: { en: messages('en').startsHint, fr: messages('fr').startsHint },
  needs: ['server'],
  async run(lab) {
    await lab.startServer();
  },
};

export interface RunOptions {
  /** How many checks run at once (each starts its own programs). */
  concurrency?: number;
  /** Stop at the first failure: the others are not run. */
  bail?: boolean;
  /** A time (Date.now()) after which no check starts: those left are not run (a class report's time per student). */
  deadline?: number;
  /** Called with each result, in the step's order, as soon as it and those before it are known. */
  onResult?: (result: Result) => void;
}

/** Checks on a loaded 2-core machine still finish well within their waits at 3 at once. */
const DEFAULT_CONCURRENCY = Math.max(2, Math.min(4, cpus().length + 1));

export async function runStep(step: Step, target: Target, options: RunOptions = {}): Promise<Result[]> {
  const { bail = false, onResult, deadline = Infinity } = options;
  const concurrency = bail ? 1 : (options.concurrency ?? DEFAULT_CONCURRENCY);
  const checks = target.server ? [startsCheck, ...step.checks] : step.checks;
  const results: (Result | undefined)[] = checks.map(() => undefined);
  let reported = 0;
  const report = (index: number, result: Result) => {
    results[index] = result;
    for (; reported < results.length && results[reported]; reported++) onResult?.(results[reported]!);
  };

  let stop = false;
  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const index = next++;
      const check = checks[index]!;
      if (stop || Date.now() > deadline) {
        report(index, { check, outcome: null });
        continue;
      }
      const outcome = await runCheck(check, target);
      report(index, { check, outcome });
      // Nothing else can pass if the server does not start.
      if (outcome.status === 'fail' && (bail || check === startsCheck)) stop = true;
    }
  };
  // The start is checked alone, first: if it fails, its report is the only one.
  if (checks[0] === startsCheck) {
    next = 1;
    const outcome = await runCheck(startsCheck, target);
    report(0, { check: startsCheck, outcome });
    if (outcome.status === 'fail') stop = true;
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results.map((result) => result!);
}
