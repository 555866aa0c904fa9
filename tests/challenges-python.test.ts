// A student's servers in Python, written from the challenges' texts alone
// (tests/fixtures/python/), pass whole challenges: the protocol of each stage
// is written precisely enough for any language.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_TIMEOUT_MS } from '../checker/check.ts';
import { ROOT } from '../checker/target.ts';
import { findStep } from '../course/index.ts';
import { resolveTarget } from '../tools/resolve.ts';
import { verify } from '../tools/run-verify.ts';
import { plain } from '../tools/style.ts';

const hasPython = spawnSync('python3', ['--version']).status === 0;

describe.runIf(hasPython)('a student’s Python server passes whole challenges', () => {
  for (const name of ['05-notices', '07-nicknames']) {
    const step = findStep(name)!;
    // Bounded by the harness: "starts", then the checks a few at a time (at least 2), each within CHECK_TIMEOUT_MS.
    const bound = (1 + Math.ceil(step.checks.length / 2)) * CHECK_TIMEOUT_MS + 10000;
    it(name, { timeout: bound }, async () => {
      const resolved = resolveTarget(step, [path.join(ROOT, 'tests/fixtures/python', name)], undefined, ROOT);
      expect(resolved.server).toMatch(/server\.py$/);
      let text = '';
      const { ok, results } = await verify({ step, resolved, lang: 'en', style: plain, write: (s) => (text += s), progressFile: null });
      expect(ok, text).toBe(true);
      expect(results).toHaveLength(step.checks.length + 1); // every check of 05, 06 and 07 for 07
    });
  }
});
