// npm run hint and npm run solution: the course's texts in a terminal, the
// code they import resolved, and the student's files against the reference.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { steps } from '../course/index.ts';
import { ROOT } from '../checker/target.ts';
import { readText, stepByName } from '../tools/course-files.ts';
import { unifiedDiff } from '../tools/diff.ts';
import { codeImports, importedCode, resolveImports } from '../tools/markdown.ts';
import { messages } from '../tools/messages.ts';
import { renderSolution } from '../tools/show.ts';
import { plain } from '../tools/style.ts';

const exercises = steps.filter((step) => step.exercise);

describe('the solution in a terminal', () => {
  it.each(exercises.map((step) => step.id))('%s: every code import is resolved into the code it shows', (id) => {
    const step = stepByName(id)!;
    for (const lang of ['en', 'fr'] as const) {
      const text = readText(step, 'solution', lang)!;
      const resolved = resolveImports(text);
      for (const codeImport of codeImports(text)) {
        const code = importedCode(codeImport)!;
        expect(code, `${codeImport.file}#${codeImport.region}`).toBeTruthy();
        expect(code).not.toMatch(/#(end)?region/);
        expect(resolved).toContain(code);
      }
    }
  });

  it('shows the region’s code, de-indented', () => {
    const code = importedCode({ file: 'steps/03-nick-handshake/server.ts', region: 'handshake' })!;
    expect(code.split('\n')[0]).toMatch(/^\S/);
    expect(code).toContain("socket.write('NICK');");
  });

  it('compares the student’s files with the reference, line by line', () => {
    expect(unifiedDiff('a\nb\nc\nd\ne\nf\ng', 'a\nb\nc\nD\ne\nf\ng', 1)).toEqual(['@@ -3,3 +3,3 @@', ' c', '-d', '+D', ' e']);
    expect(unifiedDiff('same', 'same')).toEqual([]);
    const step = stepByName('02')!;
    const mine = mkdtempSync(path.join(tmpdir(), 'solution-'));
    cpSync(path.join(ROOT, step.dir), mine, { recursive: true });
    const server = path.join(mine, 'server.ts');
    writeFileSync(server, readFileSync(server, 'utf8').replace('client.write(message);', 'socket.write(message);'));
    const text = renderSolution(step, messages('en'), 'en', plain, mine).join('\n');
    expect(text).toContain('against steps/02-broadcast/server.ts (- the reference, + yours):');
    expect(text).toContain('-    client.write(message);\n+    socket.write(message);');
    expect(text).toMatch(/client\.ts against steps\/02-broadcast\/client\.ts .*\n {2}the same as the reference\./);
    expect(text).toContain('You have not passed this step yet');
  });

  it('npm run hint -- 2 prints the hint, in French with LANG=fr', () => {
    const { LC_ALL, LC_MESSAGES, ...env } = process.env;
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'tools/show.ts', 'hint', '2'], {
      cwd: ROOT,
      env: { ...env, LANG: 'fr_FR.UTF-8', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Indice pour l’étape 02\u00a0: Diffuser à tous les clients');
    expect(result.stdout).toContain(readText(stepByName('02')!, 'hint', 'fr')!.split('\n')[0]!.slice(2, 30));
  });
});
