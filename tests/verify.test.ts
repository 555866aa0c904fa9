// The verifier: its parts one by one, then whole, against broken programs.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findStep } from '../course/index.ts';
import { compileFolders } from '../checker/compile.ts';
import { CheckFailure } from '../checker/failure.ts';
import { ROOT, pythonCommand } from '../checker/target.ts';
import { parseVerifyArgs } from '../tools/args.ts';
import { loadProgress, markReset, markStarted, markVerified, updateProgress } from '../tools/progress-store.ts';
import { progressBar, renderFailure } from '../tools/report.ts';
import { UsageError, resolveTarget } from '../tools/resolve.ts';
import { verify } from '../tools/run-verify.ts';
import { plain } from '../tools/style.ts';

const step = (id: string) => findStep(id)!;
const fixture = (name: string) => path.join(ROOT, 'tests/fixtures/broken', name);
const hasPython = pythonCommand() !== null;
const tmp = () => mkdtempSync(path.join(tmpdir(), 'verify-test-'));

describe('command line', () => {
  it('takes the step, then a path or a command with its own options', () => {
    expect(parseVerifyArgs(['03', 'python3', '-u', 'server.py', '--lang', 'fr', '--watch'])).toEqual({
      words: ['03', 'python3', '-u', 'server.py'],
      lang: 'fr',
      watch: true,
      help: false,
      record: true,
    });
    expect(parseVerifyArgs(['02', 'students/bob', '--no-record'])).toMatchObject({ words: ['02', 'students/bob'], record: false });
    expect(parseVerifyArgs(['02', '--client=client.py', '--', '--watch'])).toMatchObject({ words: ['02', '--watch'], client: 'client.py', watch: false });
    expect(parseVerifyArgs(['--lang', 'de'])).toMatchObject({ badLang: 'de' });
  });
});

describe('what to check', () => {
  it('a folder: its server.* and client.*; a missing client is said', () => {
    const resolved = resolveTarget(step('02'), [fixture('02-no-echo')], undefined, ROOT);
    expect(resolved.server).toBe('tests/fixtures/broken/02-no-echo/server.ts');
    expect(resolved.target.client).toBeUndefined();
    expect(resolved.missing[0]?.fr).toContain('pas de client.*');
    expect(resolved.record).toBe(false); // a fixture is not the student's work
  });

  it('a file is the server; anything else is a command line', () => {
    const file = resolveTarget(step('03'), ['manual/chatroom.py'], undefined, ROOT);
    expect(file.target.server).toMatchObject({ argv: [...(pythonCommand() ?? ['python3']), '-u', path.join(ROOT, 'manual/chatroom.py')] });
    const command = resolveTarget(step('03'), ['python3', 'my server.py'], 'node client.js', '/somewhere');
    expect(command.target).toEqual({ server: { shell: 'python3 my server.py', cwd: '/somewhere' }, client: { shell: 'node client.js', cwd: '/somewhere' } });
    expect(command.watch).toEqual([]);
  });

  it('a missing file or folder is a usage error, in both languages', () => {
    expect(() => resolveTarget(step('02'), ['nope/server.ts'], undefined, ROOT)).toThrow(UsageError);
    const empty = tmp();
    expect(() => resolveTarget(step('02'), [empty], undefined, ROOT)).toThrow(/no server\.\* or client\.\*/);
  });
});

describe('report', () => {
  it('puts a caret under the first byte that differs, after escaping', () => {
    const failure = new CheckFailure(
      { en: 'expected exactly "bob left the chat !" here', fr: 'attendu exactement « bob left the chat ! » ici' },
      { who: 'alice', channel: 'test-client', expected: 'bob left the chat !', received: Buffer.from('bob left  the chat !\n'), sent: [Buffer.from('alice')] },
    );
    expect(renderFailure(failure, 'en', plain)).toEqual([
      'sent      alice → server  "alice"',
      'expected  server → alice  "bob left the chat !"',
      'received  server → alice  "bob left  the chat !\\n"',
      '                                    ^',
      'expected exactly "bob left the chat !" here',
    ]);
  });

  it('shows a program that stopped, with its last lines', () => {
    const failure = new CheckFailure({ en: 'x', fr: 'x' }, { stopped: { who: 'server', code: 1, signal: null, lastLines: 'TypeError: boom' } });
    expect(renderFailure(failure, 'fr', plain).slice(1)).toEqual(["le serveur s’est arrêté pendant la vérification (code de sortie 1) ; ses dernières lignes :", '│ TypeError: boom']);
  });

  it('draws the progress bar as rustlings does', () => {
    expect(progressBar(2, 5, 10)).toBe('[####>-----] 2/5');
    expect(progressBar(5, 5, 10)).toBe('[##########] 5/5');
  });
});

describe('progress file', () => {
  it('keeps the current exercise and each step’s last score; reset forgets one', () => {
    const file = path.join(tmp(), 'progress.json');
    updateProgress((p) => markStarted(p, '02'), file);
    updateProgress((p) => markVerified(p, '02', 3, 6), file);
    expect(loadProgress(file)).toMatchObject({ current: '02', steps: { '02': { passed: 3, total: 6, done: false } } });
    updateProgress((p) => markVerified(p, '02', 6, 6), file);
    expect(loadProgress(file).steps['02']?.done).toBe(true);
    updateProgress((p) => markReset(p, '02'), file);
    expect(loadProgress(file)).toEqual({ steps: {} });
    writeFileSync(file, '{ not json');
    expect(loadProgress(file)).toEqual({ steps: {} });
  });
});

/** Verify a folder or file as the CLI would, and return the report's text. */
async function run(id: string, words: string[], lang: 'en' | 'fr' = 'en', bail = false) {
  words = words.map((word) => compiled.get(word) ?? word);
  let text = '';
  const resolved = resolveTarget(step(id), words, undefined, ROOT);
  const verdict = await verify({ step: step(id), resolved, lang, style: plain, write: (s) => (text += s), run: { bail }, progressFile: null });
  const failed = verdict.results.filter((r) => r.outcome?.status === 'fail').map((r) => r.check.id);
  return { ...verdict, text, failed };
}

/** The broken fixtures, compiled once: run as .mjs, they start without tsx's cost. */
const compiled = new Map<string, string>();

describe.concurrent('broken programs fail, naming the behaviour that broke', () => {
  beforeAll(async () => {
    const folders = cases.map(([, name]) => fixture(name));
    const outputs = await compileFolders(folders, tmp());
    folders.forEach((folder, i) => compiled.set(folder, outputs[i]!));
  });
  const cases = [
    ['01', '01-port-from-wrong-variable', 'starts', 'le serveur s’est arrêté avant d’écouter'],
    ['01', '01-no-error-listener', 'survives-reset', 'ECONNRESET'],
    ['02', '02-no-echo', 'broadcast-all', 'expéditeur compris'],
    ['03', '03-no-greeting', 'joined-then-connected', 'Connected to the server'],
    ['04', '04-crash-on-leave', 'announces-quit', "TypeError: Cannot read properties of undefined (reading 'trim')"],
  ] as const;
  for (const [id, name, check, shown] of cases) {
    it(`${name}: ${check}`, async () => {
      // bail: the first behaviour to fail must be the one this fixture breaks.
      const { ok, failed, text } = await run(id, [fixture(name)], 'fr', true);
      expect(ok).toBe(false);
      expect(failed).toEqual([check]);
      expect(text).toContain(shown);
      expect(text).toContain('indice\u00a0:');
    });
  }
});

describe.concurrent('other languages', () => {
  it.skipIf(!hasPython)('the manual’s Python server passes verify 03', async () => {
    const { ok, text, results } = await run('03', ['manual/chatroom.py']);
    expect(text).toContain("the client's behaviours are skipped");
    expect(ok, text).toBe(true);
    expect(results.filter((r) => r.outcome?.status === 'pass').map((r) => r.check.id)).toContain('manual-client');
  });

  it('a command line is run by the shell; one that never listens says so, with what it printed', async () => {
    const { ok, text } = await run('01', ['echo', 'no server here;', 'exit', '3']);
    expect(ok).toBe(false);
    expect(text).toContain('server: echo no server here; exit 3');
    expect(text).toContain('✘ starts and listens on the port given in PORT');
    expect(text).toMatch(/the server stopped before listening on port \d+ \(exit code 3\)\n.*it printed:\n.*│ no server here/);
  });
});

function commandLine(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return ''; // it ended meanwhile
  }
}

/** The CLI's report with what changes from run to run made stable. */
function normalise(text: string): string {
  return text
    .replace(/\x1b\[[0-9;]*m/g, '') // colours
    .replace(/\b(port|PORT) \d+/g, '$1 <port>')
    .replace(/\d+(\.\d+)? s\b/g, '<n> s')
    .replaceAll(ROOT, '<root>');
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}, onOutput?: (out: string, child: ChildProcess) => void): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const { LC_ALL, LC_MESSAGES, LANG, ...rest } = process.env; // the test's own language must not leak in
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/verify.ts', ...args], { cwd: ROOT, env: { ...rest, ...env } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      onOutput?.(out, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe.concurrent('the real command', () => {
  it('reports a broken step 02 in French, as stored in the snapshot, and exits with 1', async ({ expect }) => {
    const { code, out } = await cli(['02', 'tests/fixtures/broken/02-no-echo'], { LANG: 'fr_FR.UTF-8', FORCE_COLOR: '1', INIT_CWD: ROOT });
    expect(out).toContain('\x1b['); // FORCE_COLOR gives colours; the snapshot has none
    await expect(normalise(out)).toMatchFileSnapshot('__snapshots__/verify-02-no-echo.fr.txt');
    expect(code).toBe(1);
  });

  // Linux only: it finds the programs left running in /proc, and sends a POSIX signal.
  it.skipIf(process.platform !== 'linux')('stops the programs it started when interrupted (Ctrl+C)', async () => {
    const dir = tmp();
    copyFileSync(path.join(fixture('02-no-echo'), 'server.ts'), path.join(dir, 'server.ts'));
    // Interrupt once the first behaviour passed: the next checks' servers are running.
    const { code } = await cli(['02', dir], { NO_COLOR: '1' }, (out, child) => out.includes('✔') && child.kill('SIGINT'));
    expect(code).toBe(130); // verify exits only once the programs it started have exited
    const running = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid) && commandLine(pid).includes(dir));
    expect(running).toEqual([]);
  });

  it('says what is wrong with the command line, and exits with 2', async () => {
    const { code, out } = await cli(['77'], { LANG: 'en_US.UTF-8', NO_COLOR: '1' });
    expect(out).toContain('No step "77". The steps are: 01, 02, 03, 04, 05');
    expect(code).toBe(2);
  });
});
