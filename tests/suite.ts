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
  describe(`${step.dir}: ${step.title.en}`, () => {
    for (const check of step.checks.filter(only)) {
      it(check.title.en, async (context) => {
        const outcome = await runCheck(check, target ?? referenceTarget(step.dir));
        if (outcome.status === 'skip') context.skip(outcome.reason.en);
        if (outcome.status === 'fail') throw outcome.failure;
      });
    }
  });
}
