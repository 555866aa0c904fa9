// Each challenge's reference passes its own checks, and those of the
// challenge before it (the one its change is most likely to break); the last
// one passes all of them, which are every server check of the final chatroom.
// (Every check on every reference would be 155 runs: see challenges.test.ts
// for why the cumulative lists are right, and course.test.ts for the starts.)
import { describe, it } from 'vitest';
import { runCheck, type Check } from '../checker/check.ts';
import { referenceTarget } from '../checker/target.ts';
import { challenges } from '../course/challenges.ts';
import type { Step } from '../course/index.ts';

/** The checks a challenge adds to the previous one's. */
const own = (index: number): Check[] => challenges[index]!.checks.slice(challenges[index - 1]?.checks.length ?? 0);

function runs(challenge: Step, index: number): Check[] {
  if (index === challenges.length - 1) return challenge.checks;
  return [...(index > 0 ? own(index - 1) : []), ...own(index)];
}

for (const [index, challenge] of challenges.entries()) {
  describe.concurrent(`${challenge.id} ${challenge.title.en}: its reference`, () => {
    const target = { server: referenceTarget(challenge.dir).server };
    for (const check of runs(challenge, index)) {
      it(check.title.en, async () => {
        const outcome = await runCheck(check, target);
        if (outcome.status === 'fail') throw outcome.failure;
      });
    }
  });
}
