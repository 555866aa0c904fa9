// The steps' variations (course/variations.ts): each check fails on the step's
// own reference, and passes on a solution of the variation.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../checker/check.ts';
import { compileFolders } from '../checker/compile.ts';
import { ROOT, commandFor, referenceTarget } from '../checker/target.ts';
import { variations } from '../course/variations.ts';
import { readText, stepByName } from '../tools/course-files.ts';
import { variationSolutions } from './fixtures/variations.ts';

let solved: Map<string, string>;
beforeAll(async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'variations-'));
  const sources = variationSolutions.map((solution) => {
    if (solution.folder) return path.join(ROOT, solution.folder);
    const step = variations.find((variation) => variation.id === solution.id)!;
    let source = readFileSync(path.join(ROOT, step.dir, 'server.ts'), 'utf8');
    for (const [find, replace] of solution.edits ?? []) {
      expect(source.split(find), `${solution.id}: ${find}`).toHaveLength(2);
      source = source.replace(find, replace);
    }
    const dir = path.join(root, 'src', solution.id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'server.ts'), source);
    return dir;
  });
  const compiled = await compileFolders(sources, path.join(root, 'out'));
  solved = new Map(variationSolutions.map((solution, i) => [solution.id, compiled[i]!]));
});

it('one or more per step, found by id, and told in the step’s exercise text with the command to check it', () => {
  expect(variations.map((variation) => variation.id)).toEqual(['01b', '02b', '03b', '04b']);
  for (const variation of variations) {
    expect(stepByName(variation.id)).toBe(variation);
    for (const lang of ['en', 'fr'] as const) expect(readText(variation, 'exercise', lang)).toContain(`npm run verify -- ${variation.id}`);
  }
});

describe.concurrent.each(variations)('$id: $title.en', (variation) => {
  const check = variation.checks[0]!;
  it('the step’s reference fails it', async ({ expect }) => {
    const outcome = await runCheck(check, { server: referenceTarget(variation.dir).server });
    expect(outcome.status).toBe('fail');
  });
  it('a solution passes it', async ({ expect }) => {
    const outcome = await runCheck(check, { server: commandFor(path.join(solved.get(variation.id)!, 'server.mjs')) });
    if (outcome.status === 'fail') throw outcome.failure;
    expect(outcome.status).toBe('pass');
  });
});
