// The class report: every student's work checked, whatever state it is in,
// into one table (terminal, CSV, HTML, JUnit).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileFolders } from '../checker/compile.ts';
import { ROOT } from '../checker/target.ts';
import { stepByName } from '../tools/course-files.ts';
import { checkClass, parseClassArgs, renderTable, toCsv, toHtml, type Row } from '../tools/class-report.ts';
import { plain } from '../tools/style.ts';

const step = stepByName('01')!;
const broken = (name: string) => path.join(ROOT, 'tests/fixtures/broken', name);

/** A class: alice has the reference, bob code that does not compile, carol nothing. */
function makeClass(withAlice: string | undefined): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'class-'));
  for (const student of ['alice', 'bob', 'carol']) mkdirSync(path.join(folder, student));
  if (withAlice) for (const file of ['server.mjs', 'client.mjs']) copyFileSync(path.join(withAlice, file), path.join(folder, 'alice', file));
  copyFileSync(path.join(broken('01-syntax-error'), 'server.ts'), path.join(folder, 'bob', 'server.ts'));
  return folder;
}

describe('class report', () => {
  let rows: Row[];
  beforeAll(async () => {
    // The reference, compiled: the same code, started without tsx's cost.
    const [reference] = await compileFolders([path.join(ROOT, step.dir)], mkdtempSync(path.join(tmpdir(), 'class-ref-')));
    rows = await checkClass(makeClass(reference), [step], 'en', { named: true, budgetMs: 120000 });
  }, 180000);

  it('checks every student, and goes on past broken or missing work', () => {
    expect(rows.map((row) => row.student)).toEqual(['alice', 'bob', 'carol']);
    const [alice, bob, carol] = rows;
    expect(
      alice!.behaviours.every((b) => b.status === 'pass' || b.status === 'skip'),
      JSON.stringify(alice),
    ).toBe(true);
    expect(bob!.behaviours[0]).toMatchObject({ id: 'starts', status: 'fail' });
    expect(bob!.behaviours[0]!.reason).toContain('does not compile');
    expect(bob!.behaviours.slice(1).every((b) => b.status === 'not-run')).toBe(true);
    expect(carol).toMatchObject({ behaviours: [], missing: 'no work found' });
  });

  it('prints one table, one column per behaviour', () => {
    const lines = renderTable(rows, step, 'en', plain);
    expect(lines).toContain('   1  starts and listens on the port given in PORT');
    expect(lines.find((line) => line.startsWith('alice'))).toMatch(/^alice +(?:[✔–] +){9}\d\/9$/);
    expect(lines.find((line) => line.startsWith('bob'))).toMatch(/^bob +✘(?: +·){8} +0\/9$/);
    expect(lines.find((line) => line.startsWith('carol'))).toMatch(/^carol +no work found$/);
  });

  it('writes CSV and HTML', () => {
    const csv = toCsv(rows, [step]).trim().split('\n');
    expect(csv[0]).toMatch(/^student,step,01:starts,01:logs-connections,.*,passed,total,note$/);
    expect(csv[2]).toMatch(/^bob,01,fail,not-run,.*,0,9,"the server does not compile: /); // the note says why nothing ran
    expect(csv[3]).toMatch(/^carol,01,missing,missing,.*,0,0,no work found$/);
    const html = toHtml(rows, [step], 'fr');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<tr><th>bob</th><td class="fail" title="the server does not compile: ');
    expect(html).toContain('<td colspan="10" class="missing">no work found</td>');
    expect(html).toContain('Bilan de la classe');
  });

  it('stops starting checks for a student once the time budget is spent', async () => {
    const folder = makeClass(undefined);
    const [alice] = await checkClass(folder, [step], 'en', { named: true, budgetMs: 0 });
    expect(alice?.missing).toBe('no work found');
    const copy = path.join(folder, 'dave');
    mkdirSync(copy);
    copyFileSync(path.join(broken('01-no-error-listener'), 'server.ts'), path.join(copy, 'server.ts'));
    const dave = (await checkClass(folder, [step], 'en', { named: true, budgetMs: 0 })).find((row) => row.student === 'dave')!;
    expect(dave.behaviours[0]).toMatchObject({ id: 'starts', status: 'pass' }); // the start is always checked
    expect(dave.behaviours.slice(1).every((b) => b.status === 'not-run')).toBe(true);
  }, 60000);

  it('the command: options, and a CSV file', () => {
    expect(parseClassArgs(['class', '--step', '2', '--csv=out.csv', '--bogus'])).toMatchObject({
      folder: 'class',
      step: '2',
      csv: 'out.csv',
      unknown: '--bogus',
    });
    const folder = makeClass(undefined);
    const csv = path.join(folder, 'out.csv');
    const { LC_ALL, LC_MESSAGES, LANG, ...env } = process.env;
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'tools/class-report.ts', folder, '--step', '1', '--csv', csv], {
      cwd: ROOT,
      env: { ...env, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 120000,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^bob +✘/m);
    expect(readFileSync(csv, 'utf8')).toContain('carol,01,missing');
  }, 130000);
});
