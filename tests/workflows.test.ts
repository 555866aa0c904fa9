// The GitHub Actions workflows, read as YAML: CI runs .ci/run on Linux and the
// student commands' tests on Windows and macOS; Pages builds the site under
// /<repository>/ and deploys it. GitHub only says a workflow is broken after a
// push: this says it before.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../checker/target.ts';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  strategy?: { matrix?: Record<string, unknown[]> };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const read = (name: string) => parse(readFileSync(path.join(ROOT, '.github/workflows', name), 'utf8')) as Workflow;
const ci = read('ci.yml');
const pages = read('pages.yml');
const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const runs = (job: Job | undefined) => (job?.steps ?? []).map((step) => step.run ?? '');

describe('the CI workflow', () => {
  it('runs on every push and pull request', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
  });

  it('runs .ci/run on Linux, on Node 20 and on the current LTS', () => {
    const linux = ci.jobs.linux;
    expect(linux?.['runs-on']).toMatch(/^ubuntu-/);
    expect(runs(linux)).toContain('bash .ci/run');
    // Root in a container, a workspace owned by another user: git needs to be told it is safe, before .ci/run.
    const steps = runs(linux);
    expect(steps.findIndex((line) => line.includes('safe.directory'))).toBeGreaterThan(-1);
    expect(steps.findIndex((line) => line.includes('safe.directory'))).toBeLessThan(steps.indexOf('bash .ci/run'));
    expect(linux?.strategy?.matrix?.node).toEqual([20, 24]);
    expect(readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim()).toBe('20');
  });

  it('runs the student and teacher commands’ tests on Windows and macOS', () => {
    for (const [job, os] of [
      ['windows', 'windows-latest'],
      ['macos', 'macos-latest'],
    ]) {
      expect(ci.jobs[job!]?.['runs-on'], job).toBe(os);
      expect(runs(ci.jobs[job!]), job).toEqual(expect.arrayContaining(['npm ci', 'npm run test:portable', 'npm run cert']));
    }
  });

  it('runs only npm scripts that exist', () => {
    const used = [...Object.values(ci.jobs), ...Object.values(pages.jobs)]
      .flatMap(runs)
      .flatMap((line) => [...line.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(3);
    for (const script of used) expect(scripts, `npm run ${script}`).toHaveProperty([script]);
  });
});

describe('the Pages workflow', () => {
  it('builds the site under /<repository>/ and uploads what VitePress built', () => {
    const build = pages.jobs.build;
    const step = build?.steps.find((s) => s.run === 'npm run docs:build');
    expect(step?.env?.DOCS_BASE).toBe('/${{ github.event.repository.name }}/');
    const uses = (build?.steps ?? []).map((s) => s.uses?.split('@')[0]);
    expect(uses).toEqual(expect.arrayContaining(['actions/checkout', 'actions/configure-pages', 'actions/upload-pages-artifact']));
    expect(build?.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'))?.with?.path).toBe('docs/.vitepress/dist');
  });

  it('deploys after the build, with the rights Pages needs', () => {
    expect(pages.jobs.deploy?.needs).toBe('build');
    expect(pages.jobs.deploy?.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
    expect(pages.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    expect(pages.on).toHaveProperty('push.branches', ['main']);
  });
});
