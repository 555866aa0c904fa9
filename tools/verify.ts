// npm run verify -- [step] [folder | file | command] [--client ...] [--watch] [--json | --junit] [--lang en|fr]
import path from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { steps, type Step } from '../course/index.ts';
import { pickLang } from '../final/lang.ts';
import { stopAll } from '../checker/program.ts';
import { parseVerifyArgs } from './args.ts';
import { shown, stepByName } from './course-files.ts';
import { jsonReport, junitReport } from './formats.ts';
import { messages } from './messages.ts';
import { loadProgress } from './progress-store.ts';
import { UsageError, resolveTarget } from './resolve.ts';
import { verify } from './run-verify.ts';
import { styleFor } from './style.ts';
import { watchAndRun } from './watch.ts';

const args = parseVerifyArgs(process.argv.slice(2));
const lang = pickLang(args.lang);
const t = messages(lang);
const style = styleFor(process.stdout);
// npm runs scripts from the repository's root; paths are from where the student typed.
const base = process.env.INIT_CWD ?? process.cwd();

/** Which step: named first, or the one whose folder is given, or the exercise started last. */
function chooseStep(words: string[]): { step: Step; words: string[] } {
  const [first, ...rest] = words;
  const named = first === undefined ? undefined : stepByName(first);
  if (named) return { step: named, words: rest };
  if (first !== undefined) {
    const folder = path.resolve(base, first);
    const byFolder = existsSync(folder) && statSync(folder).isDirectory() ? stepByName(path.basename(folder)) : undefined;
    if (byFolder) return { step: byFolder, words };
    const known = steps.map((step) => step.id).join(', ');
    throw new UsageError({ en: messages('en').unknownStep(first, known), fr: messages('fr').unknownStep(first, known) });
  }
  const current = loadProgress().current;
  const step = current === undefined ? undefined : stepByName(current);
  if (!step) throw new UsageError({ en: messages('en').noCurrent, fr: messages('fr').noCurrent });
  return { step, words };
}

function main(): void {
  if (args.help) {
    console.log(t.usage);
    return;
  }
  try {
    if (args.unknown !== undefined) throw new UsageError({ en: messages('en').unknownOption(args.unknown), fr: messages('fr').unknownOption(args.unknown) });
    if (args.badLang !== undefined) throw new UsageError({ en: messages('en').badLang(args.badLang), fr: messages('fr').badLang(args.badLang) });
    const { step, words } = chooseStep(args.words);
    const resolved = resolveTarget(step, words, args.client, base);
    const write = (text: string) => void process.stdout.write(text);
    if (args.format) {
      // For CI and autograders: the result alone on stdout, the report nowhere.
      void verify({ step, resolved, lang, style, write: () => {}, ...(!args.record && { progressFile: null }) }).then((verdict) => {
        const report = jsonReport(step, resolved, verdict, lang);
        write(
          args.format === 'json'
            ? `${JSON.stringify(report, null, 2)}\n`
            : junitReport([{ name: t.checking(step.id, step.title[lang], step.challenge), report }]),
        );
        process.exitCode = verdict.ok ? 0 : 1;
      });
      return;
    }
    if (!args.watch) {
      void verify({ step, resolved, lang, style, write, ...(!args.record && { progressFile: null }) }).then(({ ok }) => {
        process.exitCode = ok ? 0 : 1;
      });
      return;
    }
    if (resolved.watch.length === 0) throw new UsageError({ en: messages('en').watchNeedsFiles, fr: messages('fr').watchNeedsFiles });
    watchAndRun(resolved.watch, async () => {
      if (process.stdout.isTTY) write('\x1b[2J\x1b[3J\x1b[H'); // a clean screen for each run
      await verify({ step, resolved, lang, style, write, ...(!args.record && { progressFile: null }) });
      write(`\n${style.dim(t.watching(resolved.watch.map((place) => shown(place)).join(', ')))}\n`);
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(style.red(error.text[lang]));
    console.error(style.dim(`npm run verify -- --help`));
    process.exitCode = 2;
  }
}

// Ctrl+C in the middle of a run: stop the programs the checks started (they
// run in their own process groups, which the terminal's Ctrl+C does not
// reach), wait until they are gone, then exit. A second Ctrl+C while they stop
// must not kill verify before it has killed them: it waits for the first,
// which ends soon (each group gets SIGKILL, and a program's pipes are let go
// shortly after it exits, even if something it started holds them open).
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void stopAll().finally(() => process.exit(130));
  });
}
// Piped into head, say: stop quietly when the reader has gone.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  throw error;
});

main();
