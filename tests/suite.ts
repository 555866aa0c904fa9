import { describe, it } from 'vitest';
import { runCheck, type Check } from '../checker/check.ts';
import { referenceTarget, type Target } from '../checker/target.ts';
import { findStep } from '../course/index.ts';

/**
 * Register one vitest test per check of a step (those `only` keeps), run
 * against `target` (the reference by default).
 */
export function defineStepSuite(id: string, target?: Target, only: (check: Check) => boolean = () => true): void {
  const step = findStep(id);
  if (!step) throw new Error(`no step ${id}`);
  defineCheckSuite(`${step.dir}: ${step.title.en}`, step.checks.filter(only), target ?? referenceTarget(step.dir));
}

/** Register one vitest test per check, run against `target`. */
export function defineCheckSuite(title: string, checks: Check[], target: Target): void {
  describe(title, () => {
    for (const check of checks) {
      it(check.title.en, async (context) => {
        const outcome = await runCheck(check, target);
        if (outcome.status === 'skip') context.skip(outcome.reason.en);
        if (outcome.status === 'fail') throw outcome.failure;
      });
    }
  });
}
