// One verify run, printed as it goes: the function behind `npm run verify`,
// called directly by the tests.
import { existsSync } from 'node:fs';
import { steps, type Step } from '../course/index.ts';
import type { Lang } from '../checker/text.ts';
import { nextStep, textPath } from './course-files.ts';
import { messages } from './messages.ts';
import { markVerified, updateProgress } from './progress-store.ts';
import { progressBar, renderResult, tally } from './report.ts';
import type { Resolved } from './resolve.ts';
import { runStep, type Result, type RunOptions } from './runner.ts';
import type { Style } from './style.ts';
import { typeCheck, typeScriptFiles } from './typecheck.ts';

export interface VerifyOptions {
  step: Step;
  resolved: Resolved;
  lang: Lang;
  style: Style;
  write: (text: string) => void;
  run?: RunOptions;
  /** Where to record the result: undefined for the student's .progress.json, null for nowhere. */
  progressFile?: string | null;
}

export interface Verdict {
  /** Every behaviour checked passed (skipped ones aside). */
  ok: boolean;
  /** And none was skipped for want of a server or a client: the step is done. */
  complete: boolean;
  /** tsc's errors in the TypeScript programs, one line each. */
  typeErrors: string[];
  results: Result[];
}

export async function verify({ step, resolved, lang, style, write, run = {}, progressFile }: VerifyOptions): Promise<Verdict> {
  const t = messages(lang);
  const line = (text = '') => write(`${text}\n`);
  line(style.bold(t.checking(step.id, step.title[lang], step.challenge)));
  line(`  ${t.side(t.server, resolved.server ?? style.dim(t.none))}`);
  line(`  ${t.side(t.client, resolved.client ?? style.dim(t.none))}`);
  for (const missing of resolved.missing) line(style.dim(`  ${missing[lang]}`));
  if (resolved.server) line(style.dim(`  ${t.portNote}`));
  line();

  // The student's TypeScript is outside tsconfig.json (the repository's own
  // code is type-checked by npm run typecheck): tsc runs beside the checks, in
  // its own process, and its errors come after the summary.
  const typeErrors = typeCheck(resolved.record ? typeScriptFiles(resolved.files) : []);
  const results = await runStep(step, resolved.target, {
    ...run,
    onResult: (result) => {
      for (const text of renderResult(result, lang, style)) line(text);
      run.onResult?.(result);
    },
  });

  const { passed, failed, skipped, notRun } = tally(results);
  const ok = failed === 0 && notRun === 0;
  const unchecked = uncheckedSide(results);
  const complete = ok && unchecked === undefined;
  line();
  if (notRun) line(t.notRun(notRun));
  line(t.summary(passed, failed, skipped));
  const types = await typeErrors;
  if (types.length > 0) {
    line(style.yellow(t.typeErrors(types.length)));
    for (const error of types.slice(0, 10)) line(`  ${error}`);
    if (types.length > 10) line(style.dim(`  ${t.moreTypeErrors(types.length - 10)}`));
  }
  const hint = textPath(step, 'hint', lang);
  const solution = textPath(step, 'solution', lang);
  if (!ok && existsSync(hint)) line(style.yellow(t.moreHelp(step.id)));
  if (ok && unchecked) line(style.yellow(unchecked === 'client' ? t.serverPartPasses : t.clientPartPasses));
  if (complete) {
    line(style.green(t.allPass));
    if (existsSync(solution)) line(t.solution(step.id));
    const next = nextStep(step);
    if (next?.exercise && resolved.record) line(t.next(next.id));
  }
  if (resolved.record && progressFile !== null) {
    const progress = updateProgress(
      (p) => markVerified(p, step.id, passed, passed + failed + notRun, complete, new Date(), uncheckedSide(results)),
      progressFile,
    );
    const exercises = steps.filter((s) => s.exercise); // final/ is the answer, not an exercise
    const done = exercises.filter((s) => progress.steps[s.id]?.done).length;
    line();
    line(t.progress(progressBar(done, exercises.length)));
  }
  return { ok, complete, results, typeErrors: types };
}

/** The side of the step left unchecked, its program not given: 'client' or 'server'. */
export function uncheckedSide(results: Result[]): 'server' | 'client' | undefined {
  for (const { outcome } of results) {
    if (outcome?.status === 'skip' && (outcome.need === 'server' || outcome.need === 'client')) return outcome.need;
  }
  return undefined;
}
