// `npm run verify -- <last challenge> final`: final/ passes the last
// challenge's checks, through verify and its report, as a student would run it.
import path from 'node:path';
import { expect, it } from 'vitest';
import { PREBUILT_ENV, ROOT } from '../checker/target.ts';
import { challenges } from '../course/challenges.ts';
import { resolveTarget } from '../tools/resolve.ts';
import { verify } from '../tools/run-verify.ts';
import { plain } from '../tools/style.ts';

it('verify -- <last challenge> final passes', async () => {
  const last = challenges.at(-1)!;
  const prebuilt = process.env[PREBUILT_ENV]; // final/ as the suite compiled it, or else as it is
  const resolved = resolveTarget(last, [prebuilt ? path.join(prebuilt, 'final') : 'final'], undefined, ROOT);
  let text = '';
  const { ok, results } = await verify({ step: last, resolved, lang: 'en', style: plain, write: (s) => (text += s), progressFile: null });
  expect(ok, text).toBe(true);
  expect(results.filter((result) => result.outcome?.status === 'pass')).toHaveLength(last.checks.length + 1); // + "starts"
  expect(text).toContain('All behaviours pass');
});
