// verify's result for programs rather than people: JSON, and JUnit XML, the
// format that CI systems (GitHub Actions, GitLab, Jenkins) and classroom
// autograders read. One behaviour is one test case.
import type { Lang } from '../checker/text.ts';
import type { Step } from '../course/index.ts';
import { messages } from './messages.ts';
import { renderFailure, tally } from './report.ts';
import type { Result } from './runner.ts';
import { plain } from './style.ts';

export type Status = 'pass' | 'fail' | 'skip' | 'not-run';

export interface BehaviourResult {
  id: string;
  title: string;
  status: Status;
  /** Why it failed or was skipped, in one line. */
  reason?: string;
  /** A failure's whole report (sent, expected, received, what the program printed), without colours. */
  details?: string;
  hint?: string;
}

export interface JsonReport {
  step: string;
  title: string;
  server: string | null;
  client: string | null;
  /** Nothing failed. */
  ok: boolean;
  /** Nothing failed and nothing was skipped for want of a server or client: the step is done. */
  complete: boolean;
  summary: { passed: number; failed: number; skipped: number; notRun: number };
  behaviours: BehaviourResult[];
  typeErrors: string[];
}

export function behaviourResult({ check, outcome }: Result, lang: Lang): BehaviourResult {
  const base = { id: check.id, title: check.title[lang] };
  if (!outcome) return { ...base, status: 'not-run', reason: messages(lang).notRunOne };
  if (outcome.status === 'pass') return { ...base, status: 'pass' };
  if (outcome.status === 'skip') return { ...base, status: 'skip', reason: outcome.reason[lang] };
  const { failure } = outcome;
  return {
    ...base,
    status: 'fail',
    reason: failure.reason[lang].split('\n')[0]!,
    details: renderFailure(failure, lang, plain).join('\n'),
    hint: (failure.detail.hint ?? check.hint)[lang],
  };
}

export function jsonReport(
  step: Step,
  sides: { server?: string | undefined; client?: string | undefined },
  verdict: { ok: boolean; complete: boolean; results: Result[]; typeErrors: string[] },
  lang: Lang,
): JsonReport {
  return {
    step: step.id,
    title: step.title[lang],
    server: sides.server ?? null,
    client: sides.client ?? null,
    ok: verdict.ok,
    complete: verdict.complete,
    summary: tally(verdict.results),
    behaviours: verdict.results.map((result) => behaviourResult(result, lang)),
    typeErrors: verdict.typeErrors,
  };
}

/** Text for XML: the five special characters escaped, and the control characters XML 1.0 forbids dropped. */
export function xmlEscape(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** One <testsuite> per step checked, one <testcase> per behaviour. */
export function junitReport(reports: { name: string; report: JsonReport }[]): string {
  const count = (status: Status) => reports.reduce((n, { report }) => n + report.behaviours.filter((b) => b.status === status).length, 0);
  const total = reports.reduce((n, { report }) => n + report.behaviours.length, 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="chatroom-course" tests="${total}" failures="${count('fail')}" skipped="${count('skip') + count('not-run')}" errors="0">`,
  ];
  for (const { name, report } of reports) {
    const { behaviours } = report;
    const failures = behaviours.filter((b) => b.status === 'fail').length;
    const skipped = behaviours.filter((b) => b.status === 'skip' || b.status === 'not-run').length;
    out.push(`  <testsuite name="${xmlEscape(name)}" tests="${behaviours.length}" failures="${failures}" skipped="${skipped}" errors="0">`);
    for (const b of behaviours) {
      const open = `    <testcase classname="${xmlEscape(`step${report.step}`)}" name="${xmlEscape(b.title)}"`;
      if (b.status === 'pass') out.push(`${open}/>`);
      else if (b.status === 'fail') {
        out.push(
          `${open}>`,
          `      <failure message="${xmlEscape(b.reason ?? '')}" type="${xmlEscape(b.id)}">${xmlEscape(`${b.details ?? ''}\n${b.hint ?? ''}`)}</failure>`,
          '    </testcase>',
        );
      } else out.push(`${open}>`, `      <skipped message="${xmlEscape(b.reason ?? '')}"/>`, '    </testcase>');
    }
    if (report.typeErrors.length) out.push(`    <system-out>${xmlEscape(report.typeErrors.join('\n'))}</system-out>`);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
