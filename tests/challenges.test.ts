// The challenges as a whole (course/challenges.ts): their checks are final's,
// cumulative, ending with every server check of the final chatroom; the
// exercise command lists them and starts one from the student's own work.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, commandFor } from '../checker/target.ts';
import { steps } from '../course/index.ts';
import { challenges } from '../course/challenges.ts';
import { checks as finalChecks } from '../course/final/checks.ts';
import { listExercises } from '../tools/listing.ts';
import { OwnStartError, buildOwnStart } from '../tools/own-start.ts';
import { resolveTarget } from '../tools/resolve.ts';
import { plain } from '../tools/style.ts';

const last = challenges.at(-1)!;
const finalServerChecks = finalChecks.filter((check) => check.needs.includes('server'));

describe('checks', () => {
  it('the last challenge checks exactly the final chatroom’s server checks, the same objects', () => {
    expect(new Set(last.checks)).toEqual(new Set(finalServerChecks));
    expect(last.checks).toHaveLength(finalServerChecks.length); // none twice
  });

  it('each challenge checks the previous one’s behaviours first, then at least one of its own', () => {
    for (const [index, challenge] of challenges.entries()) {
      const previous = challenges[index - 1]?.checks ?? [];
      expect(challenge.checks.slice(0, previous.length), challenge.id).toEqual(previous);
      expect(challenge.checks.length, challenge.id).toBeGreaterThan(previous.length);
    }
  });

  it('come after the steps and before final, numbered from 05, a server alone', () => {
    const ids = steps.map((step) => step.id);
    expect(ids.indexOf(challenges[0]!.id)).toBe(ids.indexOf('04') + 1);
    expect(ids.at(-1)).toBe('final');
    expect(challenges.map((challenge) => challenge.id)).toEqual(challenges.map((_, i) => String(i + 5).padStart(2, '0')));
    for (const challenge of challenges) expect(challenge.exercise?.files).toEqual(['server.ts']);
  });

  it('`verify -- <last> final` checks final/server.ts with those checks', () => {
    const resolved = resolveTarget(last, ['final'], undefined, ROOT);
    expect(resolved.target.server).toEqual(commandFor(path.join(ROOT, 'final/server.ts')));
    expect(resolved.record).toBe(false);
  });
});

describe('npm run exercise -- --list', () => {
  it('prints every step and challenge in order, one per line, its id first, with the progress', () => {
    const lines = listExercises(
      { current: '06', steps: { '05': { passed: 4, total: 4, done: true, at: '' }, '06': { passed: 3, total: 9, done: false, at: '' } } },
      'en',
      plain,
    );
    const exercises = steps.filter((step) => step.exercise);
    expect(lines.map((line) => line.split(' ')[0])).toEqual(exercises.map((step) => step.id));
    expect(lines[exercises.findIndex((step) => step.id === '05')]).toMatch(/^05 +challenge +Notices.*done$/);
    expect(lines[exercises.findIndex((step) => step.id === '06')]).toMatch(/3\/9 behaviours pass ← current$/);
    expect(lines[0]).toMatch(/^01 +step +.*not started$/);
  });

  it('works from the command line, in French too', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'tools/exercise.ts', '--list', '--lang', 'fr'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(steps.filter((step) => step.exercise).length);
    expect(lines[4]).toMatch(/^05 +défi +Des annonces/);
  });
});

describe('--mine: the student’s own previous work as the start', () => {
  const [notices, lines] = [challenges[0]!, challenges[1]!];

  it('copies their server with this challenge’s TODOs where their lines are, the others at the top', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'mine-')), '05-notices');
    mkdirSync(dir);
    const own = [
      '// Exercise 05: Notices, and the server signs.',
      '// This is the code of steps/04-threads-async: each TODO marks a place to change.',
      '',
      'const port = Number(process.env.PORT ?? 55555);',
      '  // TODO: an old marker of challenge 05',
      '  //       on two lines',
      "socket.once('data', (data) => {",
      '});',
    ].join('\n');
    writeFileSync(path.join(dir, 'server.ts'), own);
    writeFileSync(path.join(dir, 'notes.py'), 'print("not a server")');
    const [file, ...others] = buildOwnStart(lines, notices, 'en', dir);
    expect(others).toEqual([]);
    expect(file!.name).toBe('server.ts');
    expect(file!.content).not.toContain('old marker');
    expect(file!.content).not.toContain('steps/04-threads-async');
    expect(file!.content.match(/\/\/ TODO: /g)).toHaveLength(lines.exercise!.todos.length);
    // Both TODOs of the same line come before it, in the course's order.
    const order = ['Read MAX_LINE', 'A chunk is not a message', 'When a line', "socket.once('data'"].map((text) => file!.content.indexOf(text));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((at) => at > 0)).toBe(true);
  });

  it('a TODO whose line is not in their code is listed at the top; a Python server works too', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mine-'));
    writeFileSync(path.join(dir, 'server.py'), 'import socket\n');
    const [file] = buildOwnStart(lines, notices, 'fr', dir);
    expect(file!.name).toBe('server.py');
    expect(file!.content.split('\n\n')[0]).toContain('# TODO: Lisez MAX_LINE');
    expect(file!.content).toContain('import socket');
  });

  it('without previous work, says what to do, in the student’s language', () => {
    expect(() => buildOwnStart(lines, notices, 'fr', path.join(tmpdir(), 'nothing-here'))).toThrow(OwnStartError);
    try {
      buildOwnStart(lines, notices, 'fr', path.join(tmpdir(), 'nothing-here'));
    } catch (error) {
      expect((error as OwnStartError).text.fr).toContain('npm run exercise -- 05');
    }
  });
});
