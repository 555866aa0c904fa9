// npm run class-report -- <folder of student folders> [--step 02] [--csv out.csv] [--html out.html]
// One table of who passes which behaviour. Each student's programs run as
// verify runs them, one student after another, each within a time budget; a
// program that does not compile, crashes or hangs fails its checks and the
// report goes on to the next student.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { steps as allSteps, type Step } from '../course/index.ts';
import type { Lang } from '../checker/text.ts';
import { pickLang } from '../final/lang.ts';
import { shown, stepByName, stepName } from './course-files.ts';
import { behaviourResult, junitReport, xmlEscape, type BehaviourResult, type JsonReport, type Status } from './formats.ts';
import { messages } from './messages.ts';
import { UsageError, resolveTarget } from './resolve.ts';
import { runStep, startsCheck, type RunOptions } from './runner.ts';
import { styleFor, type Style } from './style.ts';

export interface ClassArgs {
  folder?: string;
  step?: string;
  csv?: string;
  html?: string;
  junit?: string;
  lang?: Lang;
  /** Seconds after which no new check starts for a student (a check itself stops after 30 s). */
  budget: number;
  help: boolean;
  unknown?: string;
}

export function parseClassArgs(argv: string[]): ClassArgs {
  const args: ClassArgs = { budget: 120, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') ? (arg.split(/=(.*)/s) as [string, string?]) : [arg];
    const value = () => inline ?? argv[++i] ?? '';
    if (name === '--step') args.step = value();
    else if (name === '--csv') args.csv = value();
    else if (name === '--html') args.html = value();
    else if (name === '--junit') args.junit = value();
    else if (name === '--budget') args.budget = Number(value()) || args.budget;
    else if (name === '--lang') {
      const lang = value();
      if (lang === 'en' || lang === 'fr') args.lang = lang;
    } else if (name === '--help' || arg === '-h') args.help = true;
    else if (arg.startsWith('-')) args.unknown ??= arg;
    else if (args.folder === undefined) args.folder = arg;
    else args.unknown ??= arg;
  }
  return args;
}

/** One student's work on one step: each behaviour's status, or why nothing was run. */
export interface Row {
  student: string;
  step: Step;
  /** Where the work was found, or undefined when there is none. */
  folder?: string;
  behaviours: BehaviourResult[];
  /** Why nothing was checked (no folder, no program in it). */
  missing?: string;
}

/** A student's work for a step: their folder itself (with --step), or its step subfolder (02-broadcast or 02). */
export function workFolder(student: string, step: Step, named: boolean): string | undefined {
  const candidates = [path.join(student, stepName(step)), path.join(student, step.id)];
  if (named) candidates.push(student);
  return candidates.find(
    (folder) => existsSync(folder) && statSync(folder).isDirectory() && readdirSync(folder).some((file) => /^(server|client)\.(ts|mts|js|mjs|py)$/.test(file)),
  );
}

/** Every behaviour a step's report has, in order: the start first. */
export function behavioursOf(step: Step): { id: string; title: Step['title'] }[] {
  return [startsCheck, ...step.checks].map((check) => ({ id: check.id, title: check.title }));
}

/** Check every student of `folder` on `steps`, one after another; `onRow` hears of each as it ends. */
export async function checkClass(
  folder: string,
  steps: Step[],
  lang: Lang,
  options: { named: boolean; budgetMs: number; run?: RunOptions; onRow?: (row: Row) => void },
): Promise<Row[]> {
  const t = messages(lang);
  const students = readdirSync(folder)
    .filter((name) => !name.startsWith('.') && statSync(path.join(folder, name)).isDirectory())
    .sort((a, b) => a.localeCompare(b));
  const rows: Row[] = [];
  for (const student of students) {
    for (const step of steps) {
      const work = workFolder(path.join(folder, student), step, options.named);
      let row: Row;
      if (!work) row = { student, step, behaviours: [], missing: t.classNoWork };
      else {
        try {
          const resolved = resolveTarget(step, [work], undefined, process.cwd());
          const results = await runStep(step, resolved.target, { ...options.run, deadline: Date.now() + options.budgetMs });
          row = { student, step, folder: work, behaviours: results.map((result) => behaviourResult(result, lang)) };
        } catch (error) {
          // Whatever goes wrong with one student's work, the class report goes on.
          const why = error instanceof UsageError ? error.text[lang] : error instanceof Error ? error.message : String(error);
          row = { student, step, folder: work, behaviours: [], missing: why };
        }
      }
      rows.push(row);
      options.onRow?.(row);
    }
  }
  return rows;
}

const MARK: Record<Status, string> = { pass: '✔', fail: '✘', skip: '–', 'not-run': '·' };

function score(row: Row): string {
  const passed = row.behaviours.filter((b) => b.status === 'pass').length;
  return `${passed}/${row.behaviours.length || '?'}`;
}

/** The table in a terminal: one line per student, one column per behaviour (numbered, with a legend). */
export function renderTable(rows: Row[], step: Step, lang: Lang, style: Style): string[] {
  const t = messages(lang);
  const behaviours = behavioursOf(step);
  const mine = rows.filter((row) => row.step === step);
  const width = Math.max(t.classStudent.length, ...mine.map((row) => row.student.length));
  const colour = (status: Status) => (status === 'pass' ? style.green : status === 'fail' ? style.red : style.dim)(MARK[status]);
  const out = [style.bold(t.checking(step.id, step.title[lang], step.challenge))];
  behaviours.forEach((b, i) => out.push(style.dim(`  ${String(i + 1).padStart(2)}  ${b.title[lang]}`)));
  out.push('', `${t.classStudent.padEnd(width)}  ${behaviours.map((_, i) => String(i + 1).padStart(2)).join(' ')}  ${t.classScore}`);
  for (const row of mine) {
    const cells = row.missing
      ? style.dim(row.missing)
      : `${behaviours.map((b) => ` ${colour(row.behaviours.find((r) => r.id === b.id)?.status ?? 'not-run')}`).join(' ')}  ${score(row)}`;
    out.push(`${row.student.padEnd(width)}  ${cells}`);
  }
  return out;
}

/** student, step, one column per behaviour (pass, fail, skip, not-run), passed, total, note. */
export function toCsv(rows: Row[], steps: Step[]): string {
  const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const ids = [...new Set(steps.flatMap((step) => behavioursOf(step).map((b) => `${step.id}:${b.id}`)))];
  const lines = [['student', 'step', ...ids, 'passed', 'total', 'note'].join(',')];
  for (const row of rows) {
    const status = ids.map((id) => {
      const [stepId, checkId] = id.split(':');
      return stepId === row.step.id ? (row.behaviours.find((b) => b.id === checkId)?.status ?? (row.missing ? 'missing' : 'not-run')) : '';
    });
    const passed = row.behaviours.filter((b) => b.status === 'pass').length;
    // A program that did not start (does not compile, say): the note says why, as the terminal's table does for a missing one.
    const startFailed = row.behaviours.find((b) => b.id === startsCheck.id && b.status === 'fail')?.reason;
    const note = row.missing ?? startFailed ?? '';
    lines.push([row.student, row.step.id, ...status, String(passed), String(row.behaviours.length), note].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** A page a teacher opens in a browser: one table per step, a failure's reason on hover. */
export function toHtml(rows: Row[], steps: Step[], lang: Lang): string {
  const t = messages(lang);
  const sections = steps.map((step) => {
    const behaviours = behavioursOf(step);
    const head = behaviours.map((b, i) => `<th title="${xmlEscape(b.title[lang])}">${i + 1}</th>`).join('');
    const body = rows
      .filter((row) => row.step === step)
      .map((row) => {
        const cells = row.missing
          ? `<td colspan="${behaviours.length + 1}" class="missing">${xmlEscape(row.missing)}</td>`
          : behaviours
              .map((b) => {
                const result = row.behaviours.find((r) => r.id === b.id);
                const status = result?.status ?? 'not-run';
                return `<td class="${status}" title="${xmlEscape(result?.reason ?? b.title[lang])}">${MARK[status]}</td>`;
              })
              .join('') + `<td>${score(row)}</td>`;
        return `<tr><th>${xmlEscape(row.student)}</th>${cells}</tr>`;
      })
      .join('\n');
    const legend = behaviours.map((b) => `<li>${xmlEscape(b.title[lang])}</li>`).join('');
    return `<h2>${xmlEscape(t.checking(step.id, step.title[lang], step.challenge))}</h2>
<table><thead><tr><th>${xmlEscape(t.classStudent)}</th>${head}<th>${xmlEscape(t.classScore)}</th></tr></thead>
<tbody>
${body}
</tbody></table>
<ol>${legend}</ol>`;
  });
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${xmlEscape(t.classTitle)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:center}tbody th{text-align:left}.pass{color:#137333}.fail{color:#c5221f;background:#fce8e6}.skip,.not-run,.missing{color:#80868b}</style>
</head><body><h1>${xmlEscape(t.classTitle)}</h1>
${sections.join('\n')}
</body></html>
`;
}

/** The steps to report on: the one named, or every exercise some student has a folder for. */
function chooseSteps(folder: string, step: string | undefined): Step[] {
  if (step !== undefined) {
    const found = stepByName(step);
    if (!found)
      throw new UsageError({
        en: messages('en').unknownStep(step, allSteps.map((s) => s.id).join(', ')),
        fr: messages('fr').unknownStep(step, allSteps.map((s) => s.id).join(', ')),
      });
    return [found];
  }
  const students = readdirSync(folder)
    .map((name) => path.join(folder, name))
    .filter((dir) => statSync(dir).isDirectory());
  const found = allSteps.filter((s) => s.exercise && students.some((student) => workFolder(student, s, false)));
  if (found.length === 0) throw new UsageError({ en: messages('en').classNoSteps, fr: messages('fr').classNoSteps });
  return found;
}

async function main(): Promise<void> {
  const args = parseClassArgs(process.argv.slice(2));
  const lang = pickLang(args.lang);
  const t = messages(lang);
  const style = styleFor(process.stdout);
  const base = process.env.INIT_CWD ?? process.cwd();
  if (args.help || args.unknown !== undefined || args.folder === undefined) {
    if (args.unknown !== undefined) console.error(style.red(t.unknownOption(args.unknown)));
    console.log(t.classUsage);
    process.exitCode = args.help ? 0 : 2;
    return;
  }
  const folder = path.resolve(base, args.folder);
  try {
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw new UsageError({ en: messages('en').noSuchFile(args.folder), fr: messages('fr').noSuchFile(args.folder) });
    const steps = chooseSteps(folder, args.step);
    const rows = await checkClass(folder, steps, lang, {
      named: args.step !== undefined,
      budgetMs: args.budget * 1000,
      onRow: (row) => console.error(style.dim(t.classProgress(row.student, row.step.id, row.missing ?? score(row)))),
    });
    for (const step of steps) console.log([...renderTable(rows, step, lang, style), ''].join('\n'));
    if (args.csv) writeFileSync(path.resolve(base, args.csv), toCsv(rows, steps));
    if (args.html) writeFileSync(path.resolve(base, args.html), toHtml(rows, steps, lang));
    if (args.junit) {
      const reports = rows.map((row) => ({ name: `${row.student} ${row.step.id}`, report: rowReport(row, lang) }));
      writeFileSync(path.resolve(base, args.junit), junitReport(reports));
    }
    for (const file of [args.csv, args.html, args.junit]) if (file) console.log(t.classWrote(shown(path.resolve(base, file))));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(style.red(error.text[lang]));
    console.log(t.classUsage);
    process.exitCode = 2;
  }
}

/** A row as verify --json would give it. */
function rowReport(row: Row, lang: Lang): JsonReport {
  const summary = { passed: 0, failed: 0, skipped: 0, notRun: 0 };
  for (const b of row.behaviours) {
    if (b.status === 'pass') summary.passed++;
    else if (b.status === 'fail') summary.failed++;
    else if (b.status === 'skip') summary.skipped++;
    else summary.notRun++;
  }
  const ok = summary.failed === 0 && summary.notRun === 0 && row.behaviours.length > 0;
  return {
    step: row.step.id,
    title: row.step.title[lang],
    server: row.folder ?? null,
    client: null,
    ok,
    complete: ok && summary.skipped === 0,
    summary,
    behaviours: row.behaviours,
    typeErrors: [],
  };
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('tools', 'class-report.ts'))) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));
  void main();
}
