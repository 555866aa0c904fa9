// How verify finds Python 3: python3, else python if it is Python 3 (Windows
// has no python3), else Windows's py -3. Checked with stand-in programs in a
// PATH of their own, each printing a version as the real ones do.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../checker/target.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** pythonCommand() in a fresh process whose PATH holds only these programs, each printing `version`. */
function pythonCommandWith(programs: Record<string, string>): unknown {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chatroom-python-'));
  dirs.push(dir);
  for (const [name, version] of Object.entries(programs)) {
    writeFileSync(path.join(dir, name), `#!/bin/sh\necho '${version}'\n`);
    chmodSync(path.join(dir, name), 0o755);
  }
  const script = "import('./checker/target.ts').then((m) => console.log(JSON.stringify(m.pythonCommand())))";
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, PATH: dir },
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

describe.skipIf(process.platform === 'win32')('finding Python 3 (stand-ins are shell scripts)', () => {
  it('takes python3 first', () => {
    expect(pythonCommandWith({ python3: 'Python 3.11.7', python: 'Python 3.11.7' })).toEqual(['python3']);
  });

  it('takes python when there is no python3, as on Windows', () => {
    expect(pythonCommandWith({ python: 'Python 3.12.1' })).toEqual(['python']);
  });

  it('does not take a python that is Python 2', () => {
    expect(pythonCommandWith({ python: 'Python 2.7.18' })).toBeNull();
  });

  it('says there is none when there is none', () => {
    expect(pythonCommandWith({})).toBeNull();
  });
});
