// At build time, read each step's checks (course/index.ts, the list the test
// suite and `npm run verify` use) so that a step page lists what is checked.
import { defineLoader } from 'vitepress';
import { steps } from '../../../course/index.ts';

export interface StepChecks {
  id: string;
  checks: { id: string; title: { en: string; fr: string } }[];
}

declare const data: StepChecks[];
export { data };

export default defineLoader({
  load(): StepChecks[] {
    return steps.map((step) => ({
      id: step.id,
      checks: step.checks.map((check) => ({ id: check.id, title: { en: check.title.en, fr: check.title.fr } })),
    }));
  },
});
