// Broken programs on the challenges' checks: each planted mistake
// (tests/fixtures/broken/challenges.ts) fails exactly the check it should,
// among the challenge's own.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileFolders } from '../checker/compile.ts';
import { findStep } from '../course/index.ts';
import { challenges } from '../course/challenges.ts';
import { resolveTarget } from '../tools/resolve.ts';
import { CHECK_TIMEOUT_MS, runCheck } from '../checker/check.ts';
import { CheckFailure, MAX_DETAIL_BYTES } from '../checker/failure.ts';
import { ROOT, referenceTarget } from '../checker/target.ts';
import { renderFailure } from '../tools/report.ts';
import { plain } from '../tools/style.ts';
import { runStep } from '../tools/runner.ts';
import { brokenChallenges } from './fixtures/broken/challenges.ts';
import { mutate } from './mutant.ts';

describe('a planted mistake fails exactly its check', () => {
  let folders: Map<string, string>;
  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'broken-challenges-'));
    const sources = brokenChallenges.map((broken) => {
      const dir = path.join(root, 'src', broken.name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'server.ts'), mutate(path.join(findStep(broken.challenge)!.dir, 'server.ts'), broken));
      return dir;
    });
    const compiled = await compileFolders(sources, path.join(root, 'out'));
    folders = new Map(brokenChallenges.map((broken, i) => [broken.name, compiled[i]!]));
  });

  it('one per challenge', () => {
    expect(brokenChallenges.map((broken) => broken.challenge)).toEqual(challenges.map((challenge) => challenge.id));
  });

  // One at a time (each runs its checks two at a time): a loaded machine keeps every check within its bound.
  describe.each(brokenChallenges)('$name', (broken) => {
    const index = challenges.findIndex((challenge) => challenge.id === broken.challenge);
    const step = challenges[index]!;
    const own = step.checks.slice(challenges[index - 1]?.checks.length ?? 0);
    // Bounded by the harness: "starts", then the checks two at a time, each within CHECK_TIMEOUT_MS.
    const bound = (1 + Math.ceil(own.length / 2)) * CHECK_TIMEOUT_MS + 10000;
    it(`fails "${broken.fails}" and only it, of challenge ${broken.challenge}'s own checks`, { timeout: bound }, async () => {
      const resolved = resolveTarget(step, [folders.get(broken.name)!], undefined, ROOT);
      const results = await runStep({ ...step, checks: own }, resolved.target, { concurrency: 2 });
      const failed = results.filter((result) => result.outcome?.status === 'fail');
      // The reasons only: a full report of slow-consumer would escape the 24 MB the sender received.
      const reasons = failed.map((result) => (result.outcome?.status === 'fail' ? `${result.check.id}: ${result.outcome.failure.reason.en}` : '')).join('\n');
      expect(
        failed.map((result) => result.check.id),
        reasons,
      ).toEqual([broken.fails]);
    });
  });
});

describe('a start that relays what it should refuse', () => {
  // Challenge 06's start is 05's reference: it relays a line of any length.
  it('fails bounded-memory at once, with a report that stays small (it once ran the checker out of memory)', async () => {
    const check = findStep('final')!.checks.find((c) => c.id === 'bounded-memory')!;
    const outcome = await runCheck(check, { server: referenceTarget(findStep('05')!.dir).server });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.failure.reason.en).toContain('relayed the line it should have refused');
    expect(outcome.failure.message.length).toBeLessThan(4 * MAX_DETAIL_BYTES + 10_000);
    expect(renderFailure(outcome.failure, 'fr', plain).join('\n').length).toBeLessThan(10_000);
  });

  it('keeps at most MAX_DETAIL_BYTES of each text of a failure', () => {
    const huge = Buffer.alloc(8 * MAX_DETAIL_BYTES, 'x');
    const failure = new CheckFailure(
      { en: 'e', fr: 'f' },
      { received: huge, expected: 'y'.repeat(8 * MAX_DETAIL_BYTES), sent: [{ by: 'alice', bytes: huge }], output: 'z'.repeat(8 * MAX_DETAIL_BYTES) },
    );
    expect(failure.detail.received!.length).toBe(MAX_DETAIL_BYTES);
    expect(failure.detail.sent![0]!.bytes.length).toBe(MAX_DETAIL_BYTES);
    expect((failure.detail.expected as string).length).toBeLessThanOrEqual(MAX_DETAIL_BYTES + 1);
    expect(failure.detail.output!.length).toBeLessThanOrEqual(MAX_DETAIL_BYTES + 1);
  });
});
