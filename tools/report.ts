// What a student reads: one line per behaviour, and for a failure the bytes
// sent and received, escaped, with a caret under the first one that differs.
import type { Outcome } from '../checker/check.ts';
import { escapeBytes, firstDifference } from '../checker/bytes.ts';
import type { CheckFailure, FailureDetail } from '../checker/failure.ts';
import type { Lang } from '../checker/text.ts';
import { messages, type Messages } from './messages.ts';
import type { StepProgress } from './progress-store.ts';
import type { Result } from './runner.ts';
import type { Style } from './style.ts';

const INDENT = '    ';
/** Longest escaped text shown on one line; longer ones are cut around the caret. */
const WIDTH = 100;

/** One behaviour: its line, and for a failure what went wrong. */
export function renderResult({ check, outcome }: Result, lang: Lang, style: Style): string[] {
  const t = messages(lang);
  const title = check.title[lang];
  if (!outcome) return [];
  if (outcome.status === 'pass') return [`${style.green('✔')} ${title}`];
  if (outcome.status === 'skip') return [style.dim(`– ${t.skippedWhy(title, outcome.reason[lang])}`)];
  return [
    `${style.red('✘')} ${style.bold(title)}`,
    ...renderFailure(outcome.failure, lang, style).map((line) => INDENT + line),
    `${INDENT}${style.yellow(t.hint)} ${(outcome.failure.detail.hint ?? check.hint)[lang]}`,
  ];
}

/** The detail of a failure, unindented. */
export function renderFailure(failure: CheckFailure, lang: Lang, style: Style): string[] {
  const t = messages(lang);
  const detail = failure.detail;
  const route = routes(detail, t);
  const rows: [string, string, string][] = [];
  const sent = detail.sent ?? [];
  const shownSent = sent.slice(-5);
  if (sent.length > shownSent.length) rows.push([t.sent, '', style.dim(t.earlier(sent.length - shownSent.length))]);
  for (const { by, bytes } of shownSent) rows.push([rows.length ? '' : t.sent, route.sent(by), cut(escapeBytes(bytes), 0).text]);
  let caret: number | undefined;
  if (detail.expected !== undefined) rows.push([t.expected, route.received, escapeBytes(detail.expected)]);
  if (detail.received !== undefined) {
    const received = escapeBytes(detail.received).slice(1, -1);
    const expected = detail.expected === undefined ? undefined : escapeBytes(detail.expected).slice(1, -1);
    const diff = expected === undefined ? undefined : firstDifference(received, expected);
    const at = diff && diff.matched < expected!.length ? diff.at + diff.matched : undefined;
    const shown = cut(`"${received}"`, at === undefined ? 0 : at + 1);
    rows.push([t.received, route.received, shown.text]);
    caret = at === undefined ? undefined : shown.caret;
  }
  const labelWidth = Math.max(0, ...rows.map(([label]) => label.length));
  const routeWidth = Math.max(0, ...rows.map(([, way]) => way.length));
  const lines = rows.map(([label, way, value]) => `${style.dim(label.padEnd(labelWidth))}  ${style.cyan(way.padEnd(routeWidth))}  ${value}`.trimEnd());
  if (caret !== undefined) lines.push(`${' '.repeat(labelWidth + routeWidth + 4 + caret)}${style.red('^')}`);
  lines.push(style.red(failure.reason[lang]));
  if (detail.output !== undefined) lines.push(`${t.output}`, ...quote(detail.output, t, style));
  if (detail.printedError) lines.push(t.printedError(detail.printedError.who), ...quote(detail.printedError.lastLines, t, style));
  if (detail.stopped) {
    const { who, code, signal, lastLines } = detail.stopped;
    lines.push(t.stopped(who, signal ?? t.exitCode(code)), ...quote(lastLines, t, style));
  }
  return lines;
}

/** Who sent what to whom, as the student reads it. */
function routes(detail: FailureDetail, t: Messages): { sent: (by: string) => string; received: string } {
  const who = detail.who ?? '';
  const server = t.server;
  switch (detail.channel) {
    case 'test-client': // the test plays clients of the student's server: `who`, and maybe others
      return { sent: (by) => `${by} → ${server}`, received: `${server} → ${who}` };
    case 'test-server': // the test is the server of the student's client
      return { sent: () => `${t.testServer} → ${t.client}`, received: `${t.client} → ${t.testServer}` };
    case 'output': // a program's keyboard and screen
      return { sent: (by) => `${t.keyboard} → ${by}`, received: t.printed(who) };
    default:
      return who ? { sent: (by) => t.sentTo(by), received: t.receivedFrom(who) } : { sent: () => '', received: '' };
  }
}

/** A program's lines, set apart. */
function quote(text: string, t: Messages, style: Style): string[] {
  const lines = text.trimEnd() ? text.trimEnd().split('\n') : [t.nothingPrinted];
  return lines.map((line) => style.dim(`│ ${line}`));
}

/** Cut a long escaped text around position `at`, keeping the quotes; where `at` is now. */
function cut(text: string, at: number): { text: string; caret: number } {
  if (text.length <= WIDTH) return { text, caret: at };
  const start = Math.max(0, Math.min(at - WIDTH / 2, text.length - WIDTH));
  const head = start > 0 ? '…' : '';
  const tail = start + WIDTH < text.length ? '…' : '';
  return { text: head + text.slice(start, start + WIDTH) + tail, caret: at - start + head.length };
}

/** Counts of a run's outcomes. */
export function tally(results: Result[]): { passed: number; failed: number; skipped: number; notRun: number } {
  const count = (status: Outcome['status'] | null) => results.filter((r) => (r.outcome?.status ?? null) === status).length;
  return { passed: count('pass'), failed: count('fail'), skipped: count('skip'), notRun: count(null) };
}

/** rustlings' bar: [######>-------] 2/5 */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total ? Math.round((done / total) * width) : 0;
  const bar = '#'.repeat(filled) + (filled < width ? '>' + '-'.repeat(width - filled - 1) : '');
  return `[${bar}] ${done}/${total}`;
}

/** A step's line in `npm run progress`: done for good once done, with the last run when it was worse. */
export function progressStatus(state: StepProgress | undefined, t: Messages): string {
  if (!state) return t.statusNew;
  const last = state.total ? t.statusLast(state.passed, state.total) : undefined;
  if (state.done) return state.total && state.passed < state.total ? `${t.statusDone} (${last})` : t.statusDone;
  if (!state.total) return t.statusStarted;
  const notes = [state.best && t.statusBest(state.best.passed, state.best.total), state.unchecked && t.statusUnchecked(state.unchecked)].filter(Boolean);
  return t.statusPassing(state.passed, state.total) + (notes.length ? ` (${notes.join('; ')})` : '');
}
