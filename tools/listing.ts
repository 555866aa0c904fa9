// `npm run exercise -- --list`: every exercise in order, steps then
// challenges, one per line, its id first, then its title and the student's
// progress on it (as `npm run progress` shows it).
import { steps } from '../course/index.ts';
import type { Lang } from '../checker/text.ts';
import { messages } from './messages.ts';
import type { Progress } from './progress-store.ts';
import type { Style } from './style.ts';

export function listExercises(progress: Progress, lang: Lang, style: Style): string[] {
  const t = messages(lang);
  const exercises = steps.filter((step) => step.exercise);
  const titleWidth = Math.max(...exercises.map((step) => step.title[lang].length));
  const kind = lang === 'fr' ? { step: 'étape', challenge: 'défi ' } : { step: 'step     ', challenge: 'challenge' };
  return exercises.map((step) => {
    const state = progress.steps[step.id];
    const status = state?.done
      ? style.green(t.statusDone)
      : state?.total
        ? style.yellow(t.statusPassing(state.passed, state.total))
        : state
          ? style.yellow(t.statusStarted)
          : style.dim(t.statusNew);
    const current = progress.current === step.id ? style.cyan(` ← ${t.current}`) : '';
    return `${step.id}  ${step.challenge ? kind.challenge : kind.step}  ${step.title[lang].padEnd(titleWidth)}  ${status}${current}`;
  });
}
