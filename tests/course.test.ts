// The course checks itself (as rustlings' `dev check` does): every exercise
// has its texts in both languages, its TODO markers still find their lines,
// its starting code fails verify, and the reference passes it.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { steps, type Step } from '../course/index.ts';
import { CHECK_TIMEOUT_MS } from '../checker/check.ts';
import { compileFolders } from '../checker/compile.ts';
import { PREBUILT_ENV, ROOT, commandFor } from '../checker/target.ts';
import { TEXT_KINDS, readText, textPath } from '../tools/course-files.ts';
import { codeImports, withoutStartCommand } from '../tools/markdown.ts';
import { resolveTarget } from '../tools/resolve.ts';
import { runStep } from '../tools/runner.ts';
import { verify } from '../tools/run-verify.ts';
import { MarkerError, buildStart, markFile, writeStart } from '../tools/start.ts';
import { plain } from '../tools/style.ts';

const exercises = steps.filter((step): step is Step & { exercise: NonNullable<Step['exercise']> } => step.exercise !== undefined);
const LANGS = ['en', 'fr'] as const;

/** Prose only: fenced code, inline code and code imports removed. */
const prose = (markdown: string) =>
  markdown
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`` [\s\S]*? ``|`[^`\n]*`/g, '')
    .replace(/^<<< .*$/gm, '');

it('has an exercise for every numbered step', () => {
  expect(exercises.map((step) => step.id)).toEqual(expect.arrayContaining(['01', '02', '03', '04']));
  expect(exercises.filter((step) => step.challenge).length).toBeGreaterThanOrEqual(8);
});

describe.each(exercises)('exercise $id', (step) => {
  it.each(TEXT_KINDS.flatMap((kind) => LANGS.map((lang) => [kind, lang] as const)))('%s.%s.md exists and can be included in a docs page', (kind, lang) => {
    const text = readText(step, kind, lang);
    expect(text, textPath(step, kind, lang)).toBeTruthy();
    expect(text!.trim().length).toBeGreaterThan(100);
    // A fragment inside a step page: no page or section title of its own, no relative link.
    expect(text).not.toMatch(/^#{1,3} /m);
    expect(text).not.toMatch(/\]\((?!https?:)/);
    for (const { file, region } of codeImports(text!)) {
      const source = path.join(ROOT, file);
      expect(existsSync(source), `${file} (imported by ${kind}.${lang}.md)`).toBe(true);
      // VitePress 1.6 includes the whole file, silently, for a region it cannot find.
      if (region) {
        const code = readFileSync(source, 'utf8');
        expect(code, `#region ${region} in ${file}`).toMatch(new RegExp(`// #region ${region}\\n[\\s\\S]*// #endregion ${region}\\n`));
      }
    }
    if (lang === 'fr') {
      // French typography: a non-breaking space before : ; ! ? and inside « ».
      expect(prose(text!)).not.toMatch(/ [:;!?»]|« /);
    }
  });

  it('says what to build, how to start it, how to check it, and that PORT is given', () => {
    for (const lang of LANGS) {
      const text = readText(step, 'exercise', lang)!;
      expect(text).toContain(`npm run exercise -- ${step.id}`);
      expect(text).toContain('npm run verify');
      expect(text).toContain('`PORT`');
    }
  });

  it('npm run exercise prints its text without telling the student to run npm run exercise again', () => {
    for (const lang of LANGS) {
      const text = withoutStartCommand(readText(step, 'exercise', lang)!);
      expect(text).not.toContain(`npm run exercise -- ${step.id}`);
      expect(text).toContain('npm run verify');
    }
  });

  it('has TODO markers that still find their lines, in both languages', () => {
    expect(step.exercise.todos.length).toBeGreaterThan(0);
    for (const todo of step.exercise.todos) for (const lang of LANGS) expect(todo.text[lang].trim()).not.toBe('');
    for (const lang of LANGS) {
      const files = buildStart(step, lang); // throws a MarkerError for a line that is gone
      const marked = files.map((file) => file.content).join('\n');
      expect(marked.match(/\/\/ TODO: /g)).toHaveLength(step.exercise.todos.length);
    }
  });
});

it('fails loudly when a marked line is gone from the reference code', () => {
  const todo = { file: 'server.ts', before: 'socket.write(greeting);', text: { en: 'x', fr: 'x' } };
  expect(() => markFile("socket.write('Connected to the server');\n", [todo], 'en')).toThrow(MarkerError);
  expect(() => markFile('a();\na();\n', [{ ...todo, before: 'a();' }], 'en')).toThrow(/there 2 times/);
  const after = { file: 'server.ts', after: 'f(() => {', text: { en: 'x', fr: 'y' } };
  expect(markFile('f(() => {\n  g();\n});', [after], 'fr')).toBe('f(() => {\n  // TODO: y\n  g();\n});');
});

it('never overwrites a student’s work', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'exercise-')), '02-broadcast');
  expect(writeStart(steps[1]!, 'fr', dir)).toBe(true);
  expect(readFileSync(path.join(dir, 'server.ts'), 'utf8')).toContain('// TODO: Gardez chaque client connecté');
  expect(writeStart(steps[1]!, 'fr', dir)).toBe(false);
});

describe.concurrent('every exercise’s starting code fails its verify', () => {
  for (const step of exercises) {
    // A challenge's start is the previous reference, which passes the
    // previous checks: only the challenge's own can fail, so only they run.
    const previous = steps[steps.indexOf(step) - 1];
    const own = step.challenge ? step.checks.filter((check) => !previous?.checks.includes(check)) : step.checks;
    // A challenge's own checks can take long to fail (slow-consumer pushes 24 MB):
    // bounded by the harness, one at a time, each within CHECK_TIMEOUT_MS, "starts" first.
    const timeout = step.challenge ? (own.length + 1) * CHECK_TIMEOUT_MS + 10000 : undefined;
    it(step.id, { timeout }, async ({ expect }) => {
      const dir = mkdtempSync(path.join(tmpdir(), `start-${step.id}-`));
      writeStart(step, 'en', path.join(dir, 'start'));
      // Compiled, the programs start without tsx's cost; the code is the same.
      const [compiled] = await compileFolders([path.join(dir, 'start')], path.join(dir, 'compiled'));
      const resolved = resolveTarget(step, [compiled!], undefined, ROOT);
      expect(resolved.server).toMatch(/server\.mjs$/);
      // Stop at the first failure: one is enough, and the others take time.
      const results = await runStep({ ...step, checks: own }, resolved.target, { bail: true });
      expect(results.some((result) => result.outcome?.status === 'fail')).toBe(true);
    });
  }
});

describe('every reference passes its own verify', () => {
  // verify runs a step's checks on the server.ts and client.ts it finds in a
  // folder; the step suites (tests/step-*.test.ts) run the same checks on the
  // same files (compiled once, for speed). Rather than run every check twice:
  // verify must find exactly those files.
  it.each(steps)('$id: verify finds the files the step suite passes with', (step) => {
    const resolved = resolveTarget(step, [step.dir], undefined, ROOT);
    expect(resolved.target.server).toEqual(commandFor(path.join(ROOT, step.dir, 'server.ts')));
    // A challenge is a server alone: no client, and none is said to be missing.
    expect(resolved.target.client).toEqual(step.challenge ? undefined : commandFor(path.join(ROOT, step.dir, 'client.ts')));
    expect(resolved.missing).toEqual([]);
  });

  it('and once in full, through the report: step 02', async () => {
    const step = steps[1]!;
    let text = '';
    // The reference as the test suite compiled it (prebuild.ts), or else as it is.
    const prebuilt = process.env[PREBUILT_ENV];
    const resolved = resolveTarget(step, [prebuilt ? path.join(prebuilt, step.dir) : step.dir], undefined, ROOT);
    const { ok } = await verify({ step, resolved, lang: 'en', style: plain, write: (s) => (text += s), progressFile: null });
    expect(ok, text).toBe(true);
    expect(text).toContain('All behaviours pass');
    expect(text).toContain('npm run solution -- 02');
  });
});
