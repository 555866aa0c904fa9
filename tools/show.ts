// npm run hint -- [step] and npm run solution -- [step] [folder]: a step's
// hint, or its reference solution with the code it imports, then a diff of the
// student's files against the reference. Without a step: the current exercise.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../checker/target.ts';
import { pickLang } from '../final/lang.ts';
import type { Step } from '../course/index.ts';
import { parseVerifyArgs } from './args.ts';
import { readText, shown, stepByName, workDir } from './course-files.ts';
import { unifiedDiff } from './diff.ts';
import { REGION_MARK, resolveImports, toTerminal } from './markdown.ts';
import { messages, type Messages } from './messages.ts';
import { loadProgress } from './progress-store.ts';
import { styleFor, type Style } from './style.ts';

const PROGRAM = /\.(ts|mts|js|mjs|py)$/;

/** The hint, as the terminal shows it. */
export function renderHint(step: Step, t: Messages, lang: 'en' | 'fr', style: Style): string[] {
  const text = readText(step, 'hint', lang);
  if (text === undefined) return [t.noText(step.id, step.challenge)];
  return [style.bold(t.hintHeading(step.id, step.title[lang], step.challenge)), '', toTerminal(text, style)];
}

/** The solution with its code, then the student's files against the reference's. */
export function renderSolution(step: Step, t: Messages, lang: 'en' | 'fr', style: Style, mine = workDir(step), done = false): string[] {
  const text = readText(step, 'solution', lang);
  if (text === undefined) return [t.noText(step.id, step.challenge)];
  const out = [style.bold(t.solutionHeading(step.id, step.title[lang], step.challenge))];
  if (!done) out.push(style.yellow(t.notPassedYet(step.id)));
  out.push('', toTerminal(resolveImports(text), style), '', t.fullReference(shown(path.join(ROOT, step.dir))));
  if (!existsSync(mine) || !statSync(mine).isDirectory()) return [...out, '', style.dim(t.noWorkToCompare(shown(mine), step.id))];
  for (const name of readdirSync(mine)
    .filter((file) => PROGRAM.test(file))
    .sort()) {
    const reference = path.join(ROOT, step.dir, name);
    const yours = path.join(mine, name);
    if (!existsSync(reference)) continue;
    // The docs' region markers are noise on both sides.
    const code = (file: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !REGION_MARK.test(line))
        .join('\n');
    const diff = unifiedDiff(code(reference), code(yours));
    out.push('', style.bold(t.diffHeading(shown(yours), shown(reference))));
    if (diff.length === 0) out.push(`  ${t.sameAsReference}`);
    for (const line of diff)
      out.push(line.startsWith('@@') ? style.cyan(line) : line.startsWith('-') ? style.red(line) : line.startsWith('+') ? style.green(line) : line);
  }
  return out;
}

function main(): void {
  const [kind, ...argv] = process.argv.slice(2);
  const args = parseVerifyArgs(argv);
  const lang = pickLang(args.lang);
  const t = messages(lang);
  const style = styleFor(process.stdout);
  const [name, folder] = args.words;
  const id = name ?? loadProgress().current;
  const step = id === undefined ? undefined : stepByName(id);
  if (args.help || args.unknown !== undefined || !step || (kind !== 'hint' && kind !== 'solution')) {
    if (args.unknown !== undefined) console.error(style.red(t.unknownOption(args.unknown)));
    else if (name !== undefined && !step) console.error(style.red(t.unknownStep(name, '01, 02, 03, 04...')));
    console.log(t.showUsage);
    process.exitCode = args.help ? 0 : 2;
    return;
  }
  const base = process.env.INIT_CWD ?? process.cwd();
  const lines =
    kind === 'hint'
      ? renderHint(step, t, lang, style)
      : renderSolution(step, t, lang, style, folder ? path.resolve(base, folder) : workDir(step), loadProgress().steps[step.id]?.done ?? false);
  console.log(lines.join('\n'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(ROOT, 'tools/show.ts')) main();
