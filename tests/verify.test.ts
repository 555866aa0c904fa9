// The verifier: its parts one by one, then whole, against broken programs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { findStep } from '../course/index.ts';
import { compileFolders } from '../checker/compile.ts';
import { runCheck } from '../checker/check.ts';
import { canBind } from '../checker/network.ts';
import { Program } from '../checker/program.ts';
import { compileError, startFailure, thrown } from '../checker/start-failure.ts';
import { CheckFailure } from '../checker/failure.ts';
import { ROOT, commandFor, debugCommand, pythonCommand } from '../checker/target.ts';
import { parseVerifyArgs } from '../tools/args.ts';
import { stepByName } from '../tools/course-files.ts';
import { messages } from '../tools/messages.ts';
import { loadProgress, markReset, markStarted, markVerified, updateProgress } from '../tools/progress-store.ts';
import { progressBar, progressStatus, renderFailure, renderResult } from '../tools/report.ts';
import { UsageError, resolveTarget } from '../tools/resolve.ts';
import { verify } from '../tools/run-verify.ts';
import { plain } from '../tools/style.ts';
import { typeCheck } from '../tools/typecheck.ts';
import { jsonReport, junitReport, xmlEscape, type JsonReport } from '../tools/formats.ts';
import { mutate, type Mistake } from './mutant.ts';

const step = (id: string) => findStep(id)!;
/**
 * Mistakes made in a step's own file, one line changed, written out when the
 * suite loads: the rest of the program follows the step as it changes.
 */
const MUTANTS: (Mistake & { file: string })[] = [
  {
    name: '04-skips-first-client',
    file: 'steps/04-threads-async/server.ts',
    why: 'the loop starts at the second client: the first to join hears nobody, not even its own arrival',
    find: 'for (const client of clients) {',
    replace: 'for (const client of clients.slice(1)) {',
  },
];
const mutants = new Map(
  MUTANTS.map((mistake) => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'verify-mutant-')), mistake.name);
    mkdirSync(dir);
    writeFileSync(path.join(dir, path.basename(mistake.file)), mutate(mistake.file, mistake));
    return [mistake.name, dir];
  }),
);
/** A broken program's folder: a fixture kept as a student wrote it, or a mutant. */
const fixture = (name: string) => mutants.get(name) ?? path.join(ROOT, 'tests/fixtures/broken', name);
const hasPython = pythonCommand() !== null;
const hasIpv6 = await canBind('::1');
const posix = process.platform !== 'win32';
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

describe('command line: mistakes', () => {
  it('an option that is not one of ours is unknown, before the step and its program', () => {
    expect(parseVerifyArgs(['--bogus']).unknown).toBe('--bogus');
    expect(parseVerifyArgs(['02', '--bogus']).unknown).toBe('--bogus');
    expect(parseVerifyArgs(['03', 'python3', '-u', 'server.py']).unknown).toBeUndefined();
  });

  it('takes a step number without its zero', () => {
    expect(stepByName('3')?.id).toBe('03');
    expect(stepByName('03-nick-handshake')?.id).toBe('03');
  });
});

describe('why a server did not start', () => {
  it('finds the first compile error and the exception’s place in the student’s own file', () => {
    const esbuild =
      'Error: Transform failed with 1 error:\n/home/s/server.ts:28:21: ERROR: Expected ")" but found ";"\n    at failureErrorWithLog (/r/node_modules/esbuild/lib/main.js:1752:15)';
    expect(compileError(esbuild)).toEqual({ place: { file: '/home/s/server.ts', line: 28, column: 21 }, message: 'Expected ")" but found ";"' });
    const python = '  File "/home/s/server.py", line 3\n    x = (1\n        ^\nSyntaxError: \'(\' was never closed\n';
    expect(compileError(python)).toEqual({ place: { file: '/home/s/server.py', line: 3 }, message: "SyntaxError: '(' was never closed" });
    const node =
      'node:net:2059\n    validatePort(options.port);\n    ^\n\nRangeError [ERR_SOCKET_BAD_PORT]: options.port should be >= 0 and < 65536. Received type number (NaN).\n    at Server.listen (node:net:2059:5)\n    at file:///home/s/server.ts:14:8\n';
    expect(thrown(node)).toEqual({
      message: 'RangeError [ERR_SOCKET_BAD_PORT]: options.port should be >= 0 and < 65536. Received type number (NaN).',
      place: { file: '/home/s/server.ts', line: 14, column: 8 },
    });
    const traceback =
      'Traceback (most recent call last):\n  File "/home/s/server.py", line 2, in <module>\n    port = int(os.environ["port"])\n  File "<frozen os>", line 679, in __getitem__\nKeyError: \'port\'\n';
    expect(thrown(traceback)).toEqual({ message: "KeyError: 'port'", place: { file: '/home/s/server.py', line: 2 } });
  });

  it.skipIf(!posix)('a server that runs but never listens: the hint names the runtime’s way to read PORT', async () => {
    const program = new Program({ argv: ['sleep', '30'] }, {}, 'server');
    try {
      const python = startFailure('never-listens', program, commandFor('/home/s/server.py'), 4321);
      expect(python.reason.en).toBe('the server runs but does not listen on port 4321 (given in PORT)');
      expect(python.detail.hint?.en).toContain("os.environ['PORT']");
      expect(python.detail.hint?.en).toContain(`PORT=55555 ${(pythonCommand() ?? ['python3']).join(' ')} /home/s/server.py`);
      const node = startFailure('never-listens', program, commandFor('/home/s/server.ts'), 4321);
      expect(node.detail.hint?.fr).toContain('process.env.PORT');
    } finally {
      await program.stop();
    }
  });
});

describe('the debug command', () => {
  it.skipIf(!posix)('names the real path, from where the student is, and the real runtime', () => {
    const python = commandFor(path.join(ROOT, 'exercises/03-nick-handshake/server.py'));
    expect(debugCommand(python, 55555, path.join(ROOT, 'exercises'))).toBe(
      `PORT=55555 ${(pythonCommand() ?? ['python3']).join(' ')} 03-nick-handshake/server.py`,
    );
    const ts = commandFor(path.join(ROOT, 'exercises/02-broadcast/server.ts'));
    expect(debugCommand(ts, 55555, ROOT)).toBe('PORT=55555 npx tsx exercises/02-broadcast/server.ts');
    expect(debugCommand(ts, 55555, '/elsewhere')).toBe(
      `PORT=55555 ${path.join(ROOT, 'node_modules/.bin/tsx')} ${path.join(ROOT, 'exercises/02-broadcast/server.ts')}`,
    );
    expect(debugCommand({ shell: 'python3 my_server.py', cwd: '/x' })).toBe('PORT=55555 python3 my_server.py');
  });

  it('on Windows, speaks PowerShell: $env:PORT, its quotes, & before a quoted program', () => {
    const ts = commandFor(path.join(ROOT, 'exercises/02-broadcast/server.ts'));
    expect(debugCommand(ts, 55555, ROOT, 'win32')).toBe(`$env:PORT=55555; npx tsx ${path.join('exercises', '02-broadcast', 'server.ts')}`);
    const spaced = commandFor(path.join(ROOT, "exercises/it's mine/server.py"));
    const python = (pythonCommand() ?? ['python3']).join(' ');
    expect(debugCommand(spaced, 4000, ROOT, 'win32')).toBe(`$env:PORT=4000; ${python} '${path.join('exercises', "it''s mine", 'server.py')}'`);
    expect(debugCommand({ argv: ['C:\\Program Files\\Python\\python.exe', 'server.py'], cwd: ROOT }, 1, ROOT, 'win32')).toBe(
      "$env:PORT=1; & 'C:\\Program Files\\Python\\python.exe' server.py",
    );
  });

  it.skipIf(!posix)('runs as printed, from the repository’s root, and shows the same error', async () => {
    const { text } = await run('01', [fixture('01-syntax-error')], 'en', true);
    const command = /run it yourself: (.+)$/m.exec(text)![1]!;
    const result = spawnSync('sh', ['-c', command], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr + result.stdout).toContain('Expected ")" but found ";"');
    expect(result.stderr + result.stdout).not.toContain('ERR_MODULE_NOT_FOUND');
  });
});

describe('what to check', () => {
  it('one word that looks like a path, with / or \\ (Windows), is a missing file, not a command to run', () => {
    for (const typo of ['exercises/02-broadcats/server', 'exercises\\02-broadcats\\server']) {
      expect(() => resolveTarget(step('02'), [typo], undefined, ROOT), typo).toThrow(UsageError);
    }
    expect(resolveTarget(step('02'), ['python3'], undefined, ROOT).target.server).toEqual({ shell: 'python3', cwd: ROOT }); // a command
  });

  it('a folder: its server.* and client.*; a missing client is said', () => {
    const resolved = resolveTarget(step('02'), [fixture('02-no-echo')], undefined, ROOT);
    expect(resolved.server).toBe(path.join('tests', 'fixtures', 'broken', '02-no-echo', 'server.ts'));
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
      {
        who: 'alice',
        channel: 'test-client',
        expected: 'bob left the chat !',
        received: Buffer.from('bob left  the chat !\n'),
        sent: [{ by: 'alice', bytes: Buffer.from('alice') }],
      },
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
    expect(renderFailure(failure, 'fr', plain).slice(1)).toEqual([
      'le serveur s’est arrêté pendant la vérification (code de sortie 1) ; ses dernières lignes :',
      '│ TypeError: boom',
    ]);
  });

  it('draws the progress bar as rustlings does', () => {
    expect(progressBar(2, 5, 10)).toBe('[####>-----] 2/5');
    expect(progressBar(5, 5, 10)).toBe('[##########] 5/5');
  });
});

describe('JUnit XML', () => {
  it('one test case per behaviour: failures with their report, skipped ones with why', async () => {
    const verdict = await run('01', [fixture('01-syntax-error')], 'en', true);
    const xml = junitReport([{ name: 'alice 01', report: jsonReport(step('01'), verdict.resolved, verdict, 'en') }]);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="chatroom-course" tests="9" failures="1" skipped="8" errors="0">/);
    expect(xml).toContain('<testsuite name="alice 01" tests="9" failures="1" skipped="8" errors="0">');
    expect(xml.match(/<testcase /g)).toHaveLength(9);
    expect(xml).toContain(
      '<failure message="the server does not compile: tests/fixtures/broken/01-syntax-error/server.ts:7:45: Expected &quot;)&quot; but found &quot;;&quot;" type="starts">',
    );
    expect(xml).toContain('<skipped message="not checked: the server must start first"/>');
    expect(xmlEscape('a\x1b[31m<b> & "c"')).toBe('a[31m&lt;b&gt; &amp; &quot;c&quot;');
  });
});

describe('TypeScript exercises are type-checked', () => {
  it('each type error on its own line, after the summary; the program still runs', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'server.ts'), "const port: number = process.env.PORT;\nconsole.log('no listen here', port);\n");
    const { text } = await run('01', [dir], 'en', true);
    expect(text).toContain('it printed:\n    │ no listen here'); // it ran
    expect(text).toMatch(
      /1 type error \(tsc\): your program ran anyway, but fix it:\n {2}\S*server\.ts:1:7 TS2322: Type 'string \| undefined' is not assignable to type 'number'\./,
    );
  });

  it('a syntax error is said once, as the compiler says it: not again as a type error of a program that ran', async () => {
    const dir = tmp(); // outside the repository: a student's work, which is type-checked
    writeFileSync(path.join(dir, 'server.ts'), readFileSync(path.join(fixture('01-syntax-error'), 'server.ts')));
    const { text } = await run('01', [dir], 'en', true);
    expect(text).toContain('the server does not compile');
    expect(text).not.toContain('type error');
    expect(text).not.toContain('TS1005');
  });

  it('the reference has no type error', async () => {
    expect(await typeCheck([path.join(ROOT, 'steps/02-broadcast/server.ts'), path.join(ROOT, 'steps/02-broadcast/client.ts')])).toEqual([]);
  });
});

describe('progress keeps the best result and shows the last', () => {
  it('done once complete, done for good; a worse run is shown, not recorded as the score', () => {
    const file = path.join(tmp(), 'progress.json');
    const t = messages('en');
    updateProgress((p) => markVerified(p, '03', 6, 6, false, new Date(), 'client'), file); // no client: not done, and said so
    expect(loadProgress(file).steps['03']?.done).toBe(false);
    expect(progressStatus(loadProgress(file).steps['03'], t)).toBe('6/6 behaviours pass (the client was not checked: not done yet)');
    expect(progressStatus(loadProgress(file).steps['03'], messages('fr'))).toContain('le client n’a pas été vérifié');
    updateProgress((p) => markVerified(p, '03', 9, 9, true), file);
    updateProgress((p) => markVerified(p, '03', 4, 9, true), file);
    expect(loadProgress(file).steps['03']).toMatchObject({ done: true, passed: 4, total: 9, best: { passed: 9, total: 9 } });
    expect(progressStatus(loadProgress(file).steps['03'], t)).toBe('done (last run: 4/9)');
    updateProgress((p) => markVerified(p, '02', 5, 6, true), file);
    updateProgress((p) => markVerified(p, '02', 3, 6, true), file);
    expect(progressStatus(loadProgress(file).steps['02'], t)).toBe('3/6 behaviours pass (best: 5/6)');
  });
});

describe('progress file', () => {
  it('keeps the current exercise and each step’s last score; reset forgets one', () => {
    const file = path.join(tmp(), 'progress.json');
    updateProgress((p) => markStarted(p, '02'), file);
    updateProgress((p) => markVerified(p, '02', 3, 6, true), file);
    expect(loadProgress(file)).toMatchObject({ current: '02', steps: { '02': { passed: 3, total: 6, done: false } } });
    updateProgress((p) => markVerified(p, '02', 6, 6, true), file);
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
  return { ...verdict, text, failed, resolved };
}

/** The broken fixtures in TypeScript, compiled once: run as .mjs, they start without tsx's cost. */
const compiled = new Map<string, string>();

/**
 * Every broken fixture: a realistic beginner's mistake, the first behaviour it
 * must fail, and words of the report that name the mistake. Fixtures that do
 * not compile run through tsx as a student's would.
 */
const BROKEN: [step: string, fixture: string, check: string, shown: string[]][] = [
  ['01', '01-port-from-wrong-variable', 'starts', ['threw an exception while starting', 'ERR_SOCKET_BAD_PORT']],
  ['01', '01-no-error-listener', 'survives-reset', ['the server stopped during the check', 'ECONNRESET']],
  ['01', '01-hard-coded-port', 'starts', ['the server listens on port 47613, not on port']],
  [
    '01',
    '01-syntax-error',
    'starts',
    [
      'the server does not compile: tests/fixtures/broken/01-syntax-error/server.ts:7:',
      'Expected ")" but found ";"',
      'then run it yourself: PORT=55555 npx tsx tests/fixtures/broken/01-syntax-error/server.ts',
    ],
  ],
  [
    '01',
    '01-python-str-not-bytes',
    'logs-connections',
    ['the server stopped during the check', "TypeError: a bytes-like object is required, not 'str'", "server.py:19: client.send('Connected to the server')"],
  ],
  ['01', '01-python-ignores-host', 'ipv6', ['alice (IPv6) could not connect']],
  ['01', '01-client-stack-trace', 'client-no-server', ['stack trace']],
  ['02', '02-no-echo', 'broadcast-all', ['expected  server → alice  "hello from alice"']],
  [
    '02',
    '02-client-syntax-error',
    'client-sends-lines',
    [
      'the client does not compile: tests/fixtures/broken/02-client-syntax-error/client.ts:10:',
      'Expected ")" but found ";"',
      'then run it yourself: PORT=55555 npx tsx tests/fixtures/broken/02-client-syntax-error/client.ts',
    ], // a client alone: the server's behaviours are not checked
  ],
  ['02', '02-skips-first-client', 'broadcast-all', ['expected  server → alice  "hello from alice"']],
  ['02', '02-wrong-socket', 'broadcast-all', ["the loop writes to the sender's socket"]],
  ['02', '02-adds-newline', 'broadcast-all', ['received  server → alice  "\\nand carol answers\\n"']],
  ['02', '02-decodes-per-chunk', 'relays-bytes', ['expected  server → bob    "caf\\xc3"', 'received  server → bob    "caf\\ufffd']],
  ['02', '02-python-forgets-client', 'leaver-removed', ['the server kept running but printed an error', 'Bad file descriptor']],
  ['02', '02-python-decodes-per-chunk', 'relays-bytes', ['the server kept running but printed an error', 'UnicodeDecodeError']],
  ['03', '03-no-greeting', 'joined-then-connected', ['Connected to the server']],
  ['03', '03-python-nick-newline', 'asks-nick', ['the server sent "\\n" after "NICK"']],
  ['03', '03-python-greeting-first', 'joined-then-connected', ['received  server → alice  "Connected to the server']],
  ['03', '03-adds-before-nick', 'nothing-before-nick', ['a message sent before carol gave her nickname reached her']],
  ['03', '03-client-nick-newline', 'client-handshake', ['the client sent a newline after the nickname']],
  ['04', '04-crash-on-leave', 'announces-quit', ["TypeError: Cannot read properties of undefined (reading 'trim')"]],
  ['04', '04-splice-one-array', 'right-names', ['dave left, but the server announced "carol"']],
  ['04', '04-skips-first-client', 'many-at-once', ['1 of 20 clients gave their nickname but never heard their own arrival', 'the broadcast misses a client']],
  ['04', '04-announces-twice', 'announces-reset', ['carol was announced twice']],
  ['04', '04-announces-before-nick', 'leave-before-nick', ['a client that never gave a nickname was announced as leaving']],
  ['04', '04-python-prints-departure', 'announces-quit', ['the server printed the departure on its own screen']],
  ['04', '04-python-no-threads', 'many-at-once', ['the server serves one client at a time']],
];

/** Does a fixture's folder hold Python, or TypeScript that compiles? */
const isPython = (name: string) => readdirSync(fixture(name)).some((file) => file.endsWith('.py'));
const compiles = (name: string) => !isPython(name) && !name.includes('syntax-error');

describe.concurrent('broken programs fail, naming the behaviour that broke and the mistake', () => {
  beforeAll(async () => {
    const folders = BROKEN.map(([, name]) => name)
      .filter(compiles)
      .map(fixture);
    const outputs = await compileFolders(folders, tmp());
    folders.forEach((folder, i) => compiled.set(folder, outputs[i]!));
  });

  it('has at least five for every step, some in Python', () => {
    for (const id of ['01', '02', '03', '04']) {
      const mine = BROKEN.filter(([step]) => step === id);
      expect(mine.length, id).toBeGreaterThanOrEqual(5);
      if (id !== '01')
        expect(
          mine.some(([, name]) => isPython(name)),
          id,
        ).toBe(true);
    }
    // And every fixture folder, and every mutant, is in the table.
    const folders = readdirSync(fixture('.'), { withFileTypes: true }).filter((entry) => entry.isDirectory()); // challenges.ts lists the challenges' own
    expect([...folders.map((entry) => entry.name), ...mutants.keys()].sort()).toEqual(BROKEN.map(([, name]) => name).sort());
  });

  // Finding the port a program listens on reads /proc: Linux only. IPv6 loopback can be off.
  const cannot = (name: string, check: string) =>
    (isPython(name) && !hasPython) ||
    (check === 'starts' && name.includes('hard-coded-port') && process.platform !== 'linux') ||
    (check === 'ipv6' && !hasIpv6);
  for (const [id, name, check, shown] of BROKEN) {
    it.skipIf(cannot(name, check))(`${name}: ${check}`, async () => {
      // bail: the first behaviour to fail must be the one this fixture breaks.
      const { ok, failed, text } = await run(id, [fixture(name)], 'en', true);
      expect(ok, text).toBe(false);
      expect(failed, text).toEqual([check]);
      for (const words of shown) expect(text).toContain(words);
      expect(text).toContain('hint:');
    });
  }

  it('a failure shows the send its expected text comes from, whoever sent it', async () => {
    const leaver = step('02').checks.find((check) => check.id === 'leaver-removed')!;
    const [server] = [...compiled.entries()].filter(([folder]) => folder.endsWith('02-skips-first-client')).map(([, out]) => out);
    const outcome = await runCheck(leaver, resolveTarget(step('02'), [server!], undefined, ROOT).target);
    expect(outcome.status).toBe('fail');
    const text = renderResult({ check: leaver, outcome }, 'en', plain).join('\n');
    expect(text).toContain('bob → server    "alice has gone"');
    expect(text).toContain('carol → server  "carol is still here"');
    expect(text).toContain('expected  server → bob    "carol is still here"');
  });

  it('a failure in French keeps French typography', async () => {
    const { text } = await run('02', [fixture('02-no-echo')], 'fr', true);
    expect(text).toContain('indice\u00a0:');
  });
});

describe.concurrent('other languages', () => {
  it.skipIf(!hasPython)('the manual’s Python server passes verify 03’s server part: the step is not done without a client', async () => {
    const resolved = { ...resolveTarget(step('03'), ['manual/chatroom.py'], undefined, ROOT), record: true };
    const progressFile = path.join(tmp(), 'progress.json');
    let text = '';
    const { ok, complete, results } = await verify({ step: step('03'), resolved, lang: 'en', style: plain, write: (s) => (text += s), progressFile });
    expect(text).toContain("the client's behaviours are skipped");
    expect(ok, text).toBe(true);
    expect(results.filter((r) => r.outcome?.status === 'pass').map((r) => r.check.id)).toContain('manual-client');
    expect(complete).toBe(false);
    expect(text).toContain('The server part passes, the client was not checked');
    expect(text).not.toContain('All behaviours pass');
    expect(loadProgress(progressFile).steps['03']).toMatchObject({ done: false, passed: results.filter((r) => r.outcome?.status === 'pass').length });
  });

  it('a command line is run by the shell; one that never listens says so, with what it printed', async () => {
    const { ok, text } = await run('01', ['echo', 'no server here;', 'exit', '3']);
    expect(ok).toBe(false);
    expect(text).toContain('server: echo no server here; exit 3');
    expect(text).toContain('✘ starts and listens on the port given in PORT');
    expect(text).toMatch(/the server ended \(exit code 3\) before listening on port \d+\n.*it printed:\n.*│ no server here/);
    expect(text).toContain('To see it yourself: PORT=55555 echo no server here; exit 3');
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
  return stripVTControlCharacters(text) // colours
    .replace(/\b(port|PORT) \d+/g, '$1 <port>')
    .replace(/\d+(\.\d+)? s\b/g, '<n> s')
    .replaceAll(ROOT, '<root>');
}

function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  onOutput?: (out: string, child: ChildProcess) => void,
): Promise<{ code: number | null; out: string }> {
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
  it.skipIf(process.platform !== 'linux')('stops the programs it started when interrupted, even by Ctrl+C pressed twice', async () => {
    const dir = tmp();
    copyFileSync(path.join(fixture('02-no-echo'), 'server.ts'), path.join(dir, 'server.ts'));
    // Interrupt once the first behaviour passed: the next checks' servers are running.
    // Many times, as an impatient user does: a second Ctrl+C must not cut the cleanup short.
    let interrupted = false;
    const { code } = await cli(['02', dir], { NO_COLOR: '1' }, (out, child) => {
      if (interrupted || !out.includes('✔')) return;
      interrupted = true;
      // Again and again until it exits: signals sent at once would arrive as one.
      const again = setInterval(() => child.kill('SIGINT'), 1);
      child.kill('SIGINT');
      child.once('exit', () => clearInterval(again));
    });
    expect(code).toBe(130); // verify exits only once the programs it started have exited
    const running = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid) && commandLine(pid).includes(dir));
    expect(running).toEqual([]);
  });

  // Linux only: setsid, /proc and a POSIX signal.
  it.skipIf(process.platform !== 'linux')('a program left behind that holds the output open does not keep verify waiting, nor Ctrl+C', async () => {
    const dir = tmp();
    const marker = path.join(dir, 'left-behind');
    // A server that starts a program in a session of its own: killing the
    // server's group does not reach it, and it keeps the server's output open.
    writeFileSync(
      path.join(dir, 'server.py'),
      [
        'import os, socket, subprocess, sys',
        `subprocess.Popen(['setsid', sys.executable, '-c', 'import time; time.sleep(120)', '${marker}'])`,
        'server = socket.create_server(("127.0.0.1", int(os.environ["PORT"])))',
        'while True:',
        '    server.accept()',
        '',
      ].join('\n'),
    );
    try {
      let interrupted = false;
      const { code } = await cli(['01', path.join(dir, 'server.py'), '--no-record'], { NO_COLOR: '1' }, (out, child) => {
        if (interrupted || !out.includes('✔')) return;
        interrupted = true;
        child.kill('SIGINT');
      });
      expect(code).toBe(130);
    } finally {
      for (const pid of readdirSync('/proc').filter((pid) => /^\d+$/.test(pid) && commandLine(pid).includes(marker))) process.kill(Number(pid), 'SIGKILL');
    }
  });

  it('--json prints the result alone, for a program to read', async () => {
    const { code, out } = await cli(['01', 'echo', 'bye', '--json', '--no-record'], { LANG: 'fr_FR.UTF-8', INIT_CWD: ROOT });
    const report = JSON.parse(out) as JsonReport;
    expect(report).toMatchObject({ step: '01', server: 'echo bye', ok: false, complete: false, summary: { passed: 0, failed: 1, notRun: 8 }, typeErrors: [] });
    expect(report.behaviours[0]).toMatchObject({ id: 'starts', status: 'fail' });
    expect(report.behaviours[0]!.reason).toMatch(/^le serveur s’est arrêté \(code de sortie 0\) avant d’écouter sur le port \d+$/);
    expect(report.behaviours[0]!.details).toContain('│ bye');
    expect(report.behaviours[1]).toMatchObject({ id: 'logs-connections', status: 'not-run' });
    expect(code).toBe(1);
  });

  it('an unknown option is said to be one, not a step', async () => {
    const { code, out } = await cli(['--bogus'], { LANG: 'en_US.UTF-8', NO_COLOR: '1' });
    expect(out).toContain('Unknown option --bogus.');
    expect(out).not.toContain('No step');
    expect(code).toBe(2);
  });

  it('says what is wrong with the command line, and exits with 2', async () => {
    const { code, out } = await cli(['77'], { LANG: 'en_US.UTF-8', NO_COLOR: '1' });
    expect(out).toContain('No step "77". The steps are: 01, 02, 03, 04, 05');
    expect(code).toBe(2);
  });
});
