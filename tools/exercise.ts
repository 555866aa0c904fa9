// npm run exercise -- <step> [--mine] [--lang en|fr]: start a step's exercise in
// exercises/<step>/, and say what to build and how to check it. With --mine,
// from the student's own work on the previous exercise (tools/own-start.ts).
// npm run exercise -- --list: every exercise, in order, with the progress.
import { steps } from '../course/index.ts';
import { pickLang } from '../final/lang.ts';
import { parseVerifyArgs } from './args.ts';
import { readText, shown, stepByName, workDir } from './course-files.ts';
import { toTerminal, withoutStartCommand } from './markdown.ts';
import { messages } from './messages.ts';
import { listExercises } from './listing.ts';
import { OwnStartError, writeOwnStart } from './own-start.ts';
import { loadProgress, markStarted, updateProgress } from './progress-store.ts';
import { startsCheck } from './runner.ts';
import { writeStart } from './start.ts';
import { styleFor } from './style.ts';

const argv = process.argv.slice(2);
const list = argv.includes('--list');
const mine = argv.includes('--mine');
const args = parseVerifyArgs(argv.filter((arg) => arg !== '--list' && arg !== '--mine'));
const lang = pickLang(args.lang);
const t = messages(lang);
const style = styleFor(process.stdout);
const step = args.words[0] === undefined ? undefined : stepByName(args.words[0]);

if (args.unknown !== undefined) {
  console.error(style.red(t.unknownOption(args.unknown)));
  console.log(t.exerciseUsage);
  process.exitCode = 2;
} else if (list) {
  for (const line of listExercises(loadProgress(), lang, style)) console.log(line);
} else if (!step || args.help) {
  if (args.words[0] !== undefined && !args.help) console.error(style.red(t.unknownStep(args.words[0], steps.map((s) => s.id).join(', '))));
  console.log(t.exerciseUsage);
  process.exitCode = args.help ? 0 : 2;
} else if (!step.exercise) {
  console.error(t.noExercise(step.id));
  process.exitCode = 2;
} else {
  const dir = workDir(step);
  const previous = steps[steps.indexOf(step) - 1];
  let created: boolean;
  try {
    created = mine && previous ? writeOwnStart(step, previous, lang, dir) : writeStart(step, lang, dir);
  } catch (error) {
    if (!(error instanceof OwnStartError)) throw error;
    console.error(style.red(error.text[lang]));
    process.exit(2);
  }
  updateProgress((progress) => markStarted(progress, step.id));
  const goal = readText(step, 'exercise', lang);
  console.log(style.bold(t.stepHeading(step.id, step.title[lang], step.challenge)));
  console.log();
  if (goal) console.log(toTerminal(withoutStartCommand(goal), style), '\n');
  console.log(style.bold(t.behaviours));
  for (const check of [startsCheck, ...step.checks]) console.log(`  • ${check.title[lang]}`);
  console.log();
  console.log(created ? style.green(t.created(shown(dir))) : style.yellow(t.alreadyStarted(shown(dir), step.id)));
  console.log(t.whenReady);
  console.log(`    ${style.cyan('npm run verify')}`);
  console.log(t.orWatch);
  console.log(`    ${style.cyan('npm run verify -- --watch')}`);
}
