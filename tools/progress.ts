// npm run progress [-- reset <step>]: which steps the student's work passes,
// as recorded by `npm run verify`; reset starts one exercise again.
import { existsSync, renameSync } from 'node:fs';
import { steps as allSteps } from '../course/index.ts';
import { pickLang } from '../final/lang.ts';
import { parseVerifyArgs } from './args.ts';
import { shown, stepByName, workDir } from './course-files.ts';
import { messages } from './messages.ts';
import { loadProgress, markReset, markStarted, updateProgress } from './progress-store.ts';
import { progressBar, progressStatus } from './report.ts';
import { writeStart } from './start.ts';
import { styleFor } from './style.ts';

const args = parseVerifyArgs(process.argv.slice(2));
const lang = pickLang(args.lang);
const t = messages(lang);
const style = styleFor(process.stdout);
const [command, name] = args.words;
/** The exercises: final/ is the course's answer, not one of them. */
const steps = allSteps.filter((step) => step.exercise);

function show(): void {
  const progress = loadProgress();
  console.log(style.bold(t.progressTitle));
  const idWidth = Math.max(...steps.map((step) => step.id.length));
  const titleWidth = Math.max(...steps.map((step) => step.title[lang].length));
  for (const step of steps) {
    const state = progress.steps[step.id];
    const mark = state?.done ? style.green('✔') : state ? style.yellow('…') : style.dim('·');
    const status = progressStatus(state, t);
    const current = progress.current === step.id ? style.cyan(` ← ${t.current}`) : '';
    console.log(`  ${mark} ${step.id.padEnd(idWidth)}  ${step.title[lang].padEnd(titleWidth)}  ${status}${current}`);
  }
  const done = steps.filter((step) => progress.steps[step.id]?.done).length;
  console.log();
  console.log(t.progress(progressBar(done, steps.length)));
  console.log(style.dim(t.resetHow));
}

/** Start an exercise again: the old work is moved aside, never deleted. */
function reset(id: string): void {
  const step = stepByName(id);
  if (!step) {
    console.error(style.red(t.unknownStep(id, steps.map((s) => s.id).join(', '))));
    process.exitCode = 2;
    return;
  }
  const dir = workDir(step);
  if (existsSync(dir)) {
    const aside = `${dir}.old-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dir, aside);
    console.log(t.resetMoved(shown(dir), shown(aside)));
  }
  updateProgress((progress) => markReset(progress, step.id));
  if (step.exercise) {
    writeStart(step, lang, dir);
    updateProgress((progress) => markStarted(progress, step.id));
    console.log(style.green(t.created(shown(dir))));
  }
  console.log(t.resetDone(step.id, step.challenge));
}

if (args.unknown !== undefined) {
  console.error(style.red(t.unknownOption(args.unknown)));
  console.log(t.progressUsage);
  process.exitCode = 2;
} else if (args.help || (command !== undefined && command !== 'reset') || (command === 'reset' && name === undefined)) {
  console.log(t.progressUsage);
  process.exitCode = args.help ? 0 : 2;
} else if (command === 'reset') reset(name!);
else show();
