// The final server's small modules, one job each, checked on their own.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { text } from '../final/i18n.ts';
import { render } from '../final/render.ts';
import { LineReader } from '../final/framing.ts';
import { TokenBucket, isLoopback } from '../final/limits.ts';
import { checkNick } from '../final/nick.ts';
import { LEAVE_REASONS, notice, parseCommand, parseServerLine, publicLine } from '../final/protocol.ts';
import { decodeUtf8, sanitize } from '../final/sanitize.ts';
import { parseServerArgs } from '../final/config.ts';
import { Summary, maskUrl } from '../final/log.ts';
import { certificateWarning, clearPasswordWarning } from '../final/certificate.ts';
import { makeCertificate } from '../tools/cert.ts';
import { pickLang } from '../final/lang.ts';
import { Members } from '../final/link-check.ts';
import { SERVER_NODE_FLAGS, launch } from '../final/launch.ts';

/** Feed chunks to a LineReader, collect what it says. */
function read(chunks: (string | Buffer)[], maxLine = 8): string[] {
  const seen: string[] = [];
  const reader = new LineReader(maxLine, { line: (bytes) => seen.push(bytes.toString()), tooLong: () => seen.push('<too long>') });
  for (const chunk of chunks) reader.push(Buffer.from(chunk));
  return seen;
}

describe('framing: LineReader', () => {
  it('finds lines whatever the chunks', () => {
    expect(read(['ab\ncd', 'e\n\nf', 'g\r\n'])).toEqual(['ab', 'cde', '', 'fg']);
    expect(read(['a', 'b', 'c', '\n'])).toEqual(['abc']);
  });
  it('refuses a long line once, drops it up to its newline, and goes on', () => {
    expect(read(['12345678\n'])).toEqual(['12345678']);
    expect(read(['123456789\nok\n'])).toEqual(['<too long>', 'ok']);
    expect(read(['12345', '67890', '12345', '\nok\n'])).toEqual(['<too long>', 'ok']);
  });
  it('never holds more than the limit, however much comes without a newline', () => {
    const reader = new LineReader(8, { line: () => {}, tooLong: () => {} });
    for (let i = 0; i < 1000; i++) reader.push(Buffer.alloc(1000, 'x'));
    expect(reader.buffered).toBeLessThanOrEqual(9);
  });
  it('keeps a "\\r" that is not at the end of the line', () => {
    expect(read(['a\rb\n'])).toEqual(['a\rb']);
  });
});

describe('sanitising', () => {
  it('keeps ordinary text, accents and emoji as they are', () => {
    for (const text of ['hello', 'Zoé dit « ça va ? »', '日本語', '👋🏽']) expect(sanitize(text)).toBe(text);
  });
  it('removes escape sequences whole, controls, C1 and bidi overrides', () => {
    expect(sanitize('\x1b[2J\x1b[31mred\x1b[0m')).toBe('red');
    expect(sanitize('\x1b]0;title\x07after')).toBe('after');
    expect(sanitize('bell\x07 back\bspace \x9b31m \u202eevil\u202c\u2066x\u2069')).toBe('bell backspace  evilx');
    expect(sanitize('tab\there')).toBe('tab here');
  });
  it('decodes valid UTF-8 and refuses the rest', () => {
    expect(decodeUtf8(Buffer.from('café'))).toBe('café');
    expect(decodeUtf8(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBeNull();
    expect(decodeUtf8(Buffer.from([0xc3]))).toBeNull();
  });
});

describe('nicknames', () => {
  it('accepts letters of any script, digits, "_" and "-", up to 16 characters', () => {
    for (const nick of ['Zoé', 'Éloïse', '李雷', 'a_b-c', 'x'.repeat(16)]) expect(checkNick(nick).ok).toBe(true);
  });
  it('refuses spaces, punctuation, empty and too long', () => {
    for (const nick of ['two words', 'a:b', '*', '', 'x'.repeat(17), 'a\u202e']) expect(checkNick(nick).ok).toBe(false);
  });
  it('gives the same key to one name written in several ways', () => {
    const keys = ['Zoé', 'ZOÉ', 'zoe\u0301'].map((nick) => checkNick(nick)).map((check) => (check.ok ? check.key : ''));
    expect(new Set(keys).size).toBe(1);
  });
});

describe('a server’s members, as the Redis link checks them', () => {
  it('knows at once whether a nickname is one of theirs, through joins, renames and leaves', () => {
    const members = new Members();
    members.set('alice', 'Alice');
    expect(members.hasNick('Alice')).toBe(true); // the set of nicknames is made here
    members.set('bob', 'bob');
    members.set('alice', 'ALICE'); // a change of case keeps the key
    expect([members.hasNick('bob'), members.hasNick('ALICE'), members.hasNick('Alice')]).toEqual([true, true, false]);
    members.delete('bob');
    expect(members.hasNick('bob')).toBe(false);
    members.clear();
    expect(members.hasNick('ALICE')).toBe(false);
    members.set('carol', 'carol');
    expect(members.hasNick('carol')).toBe(true);
  });
});

describe('the user’s language', () => {
  it('takes --lang, else LC_ALL, LC_MESSAGES or LANG, else the system’s (Windows sets no LANG)', () => {
    const french = () => 'fr-FR';
    expect(pickLang('en', { LANG: 'fr_FR.UTF-8' }, french)).toBe('en');
    expect(pickLang(undefined, { LC_ALL: 'fr_CA.UTF-8', LANG: 'en_US.UTF-8' })).toBe('fr');
    expect(pickLang(undefined, { LANG: 'en_GB.UTF-8' }, french)).toBe('en');
    expect(pickLang(undefined, {}, french)).toBe('fr');
    expect(pickLang(undefined, {}, () => 'de-DE')).toBe('en');
  });
});

describe('protocol', () => {
  it('builds notices whose arguments cannot become the trailing text', () => {
    expect(notice('left', ['bob', 'quit'], 'see you')).toBe('*** left bob quit :see you');
    expect(notice('error', ['unknown-command', ':x y'])).toBe('*** error unknown-command x_y');
  });
  it('reads every kind of server line', () => {
    expect(parseServerLine('NICK')).toEqual({ kind: 'prompt', what: 'nick' });
    expect(parseServerLine('PASS')).toEqual({ kind: 'prompt', what: 'password' });
    expect(parseServerLine(publicLine('alice', 'bob: hi'))).toEqual({ kind: 'message', from: 'alice', text: 'bob: hi' });
    expect(parseServerLine('* alice waves')).toEqual({ kind: 'action', from: 'alice', text: 'waves' });
    expect(parseServerLine('alice -> bob: psst')).toEqual({ kind: 'private', from: 'alice', to: 'bob', text: 'psst' });
    expect(parseServerLine('*** left bob quit :see you')).toEqual({ kind: 'notice', code: 'left', args: ['bob', 'quit'], trailing: 'see you' });
    expect(parseServerLine('alice: *** joined mallory')).toMatchObject({ kind: 'message', from: 'alice' });
  });
  it('reads what a user types', () => {
    expect(parseCommand('hello')).toEqual({ kind: 'say', text: 'hello' });
    expect(parseCommand('//not a command')).toEqual({ kind: 'say', text: '/not a command' });
    expect(parseCommand('/msg bob  hi there')).toEqual({ kind: 'msg', to: 'bob', text: 'hi there' });
    expect(parseCommand('/msg bob')).toEqual({ kind: 'usage', command: 'msg' });
    expect(parseCommand('/QUIT bye now')).toEqual({ kind: 'quit', reason: 'bye now' });
    expect(parseCommand('/kick bob too loud')).toEqual({ kind: 'kick', nick: 'bob', reason: 'too loud' });
    expect(parseCommand('/dance')).toEqual({ kind: 'unknown', command: 'dance' });
  });
});

describe('limits', () => {
  it('lets a burst through, then one line per 1/rate seconds', () => {
    const bucket = new TokenBucket(3, 1, 0);
    expect([1, 2, 3, 4].map(() => bucket.take(0))).toEqual([true, true, true, false]);
    expect(bucket.wait(0)).toBe(1);
    expect(bucket.take(999)).toBe(false);
    expect(bucket.take(1000)).toBe(true);
  });
  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1'].some(isLoopback)).toBe(false);
  });
});

describe('server options', () => {
  it('takes defaults, then environment variables, then options', () => {
    expect(parseServerArgs([], {})).toMatchObject({ host: '127.0.0.1', port: 55555, maxLine: 1024, floodBurst: 10 });
    expect(parseServerArgs([], { PORT: '6000', MAX_LINE: '512' })).toMatchObject({ port: 6000, maxLine: 512 });
    expect(parseServerArgs(['--port', '7000'], { PORT: '6000' })).toMatchObject({ port: 7000 });
    expect(parseServerArgs(['--redis', 'redis://x:1'], {})).toMatchObject({ redis: 'redis://x:1' });
    expect(parseServerArgs([], { REDIS_URL: 'redis://y:2' })).toMatchObject({ redis: 'redis://y:2' });
  });
  it('npm start and a built copy give node the server’s V8 flags', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe(`tsx ${SERVER_NODE_FLAGS.join(' ')} final/server.ts`);
    const built = launch('/srv/chat/dist/server.js', '/srv/chat');
    expect(built.command('server', ' --port 1')).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} dist/server.js --port 1`.replaceAll('/', path.sep));
    expect(built.command('client')).toBe(`node ${path.join('dist', 'client.js')}`);
  });
  it('explains a bad value in one line', () => {
    expect(() => parseServerArgs(['--port', '70000'], {})).toThrow(/--port/);
    expect(() => parseServerArgs(['--max-line', 'lots'], {})).toThrow(/--max-line/);
    expect(() => parseServerArgs(['--tls-cert', 'a.pem'], {})).toThrow(/together/);
  });
});

describe('regressions a tired developer could plant', () => {
  it('strips every C0 and C1 control character, one by one, and DEL (a tab becomes a space)', () => {
    for (let code = 0; code <= 0x9f; code++) {
      if (code >= 0x20 && code < 0x7f) continue;
      // At the end: ESC takes the character after it along (an escape sequence), as it should.
      const expected = code === 0x09 ? 'ab ' : 'ab';
      expect(sanitize(`ab${String.fromCharCode(code)}`), `U+${code.toString(16).padStart(4, '0')}`).toBe(expected);
    }
  });
  it('reads a password file without its final newline, CRLF too, and refuses an empty one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chatroom-pw-'));
    const file = (name: string, content: string) => (writeFileSync(path.join(dir, name), content), path.join(dir, name));
    expect(parseServerArgs(['--password-file', file('lf', 'open sesame\n')], {})).toMatchObject({ password: 'open sesame' });
    expect(parseServerArgs(['--op-password-file', file('crlf', 'chalk\r\n')], {})).toMatchObject({ opPassword: 'chalk' });
    expect(parseServerArgs([], { CHAT_PASSWORD: 'from env' })).toMatchObject({ password: 'from env' });
    expect(() => parseServerArgs(['--password-file', file('empty', '\n')], {})).toThrow(/empty/);
    rmSync(dir, { recursive: true, force: true });
  });
  it('renders every leave reason in French with its French words, never the code', () => {
    const c = new Chalk({ level: 0 });
    for (const reason of LEAVE_REASONS) {
      if (reason === 'quit') continue; // its own words follow instead
      const shown = render(parseServerLine(notice('left', ['bob', reason])), text.fr, c).text;
      expect(shown, reason).toContain(`bob a quitté le salon (${text.fr.reasons[reason]})`);
    }
    expect(render(parseServerLine(notice('left', ['bob', 'quit'], 'à plus')), text.fr, c).text).toContain('bob a quitté le salon (à plus)');
  });
});

describe('logs', () => {
  /** A Summary writing into an array; its timer never fires in these tests (flush() ends a period by hand). */
  function summary() {
    const lines: string[] = [];
    const repeated = new Summary((event, detail) => lines.push(`${event} ${detail}`), 10_000);
    return { lines, repeated };
  }
  it('logs the first of repeated events, then one line with the count per period', () => {
    const { lines, repeated } = summary();
    for (let i = 0; i < 524; i++) repeated.log('refused', '10.0.0.7', `10.0.0.7:${40000 + i}: too many`, 'connections');
    expect(lines).toEqual(['refused 10.0.0.7:40000: too many']);
    repeated.flush();
    expect(lines).toEqual(['refused 10.0.0.7:40000: too many', 'refused 523 more connections from 10.0.0.7 in 10 s']);
    repeated.stop();
  });
  it('counts each event and key apart, and says nothing for a quiet period', () => {
    const { lines, repeated } = summary();
    repeated.log('refused', 'a', 'a:1', 'refused connections');
    repeated.log('refused', 'b', 'b:1', 'refused connections');
    repeated.log('password-wrong', 'a', 'a:2', 'wrong passwords');
    repeated.log('refused', 'a', 'a:3', 'refused connections');
    expect(lines).toEqual(['refused a:1', 'refused b:1', 'password-wrong a:2']);
    repeated.flush();
    expect(lines.slice(3)).toEqual(['refused 1 more refused connections from a in 10 s']);
    repeated.flush(); // a quiet period: nothing to say, and the keys start afresh
    expect(lines).toHaveLength(4);
    repeated.log('refused', 'a', 'a:4', 'refused connections');
    expect(lines.at(-1)).toBe('refused a:4');
    repeated.stop();
  });
  it('keeps at most maxKeys keys: beyond, one count for the other addresses', () => {
    const lines: string[] = [];
    const repeated = new Summary((event, detail) => lines.push(`${event} ${detail}`), 10_000, 2);
    for (let i = 0; i < 100; i++) repeated.log('refused', `10.0.0.${i}`, `10.0.0.${i}:1`, 'connections');
    expect(lines).toEqual(['refused 10.0.0.0:1', 'refused 10.0.0.1:1', 'refused 10.0.0.2:1']); // the third opens "other addresses"
    repeated.flush();
    expect(lines.slice(3)).toEqual(['refused 97 more connections from other addresses in 10 s']);
    repeated.stop();
  });
  it('masks the password of a URL', () => {
    expect(maskUrl('redis://user:hunter2@10.0.0.1:6379/0')).toBe('redis://user:***@10.0.0.1:6379/0');
    expect(maskUrl('rediss://:p@ss:w0rd@host')).toBe('rediss://:***@host');
    expect(maskUrl('redis://10.0.0.1:6379')).toBe('redis://10.0.0.1:6379');
    expect(maskUrl('redis://user@host:6379')).toBe('redis://user@host:6379');
    expect(maskUrl('redis://:a/b@host')).toBe('redis://:***@host');
  });
});

describe('passwords and certificates', () => {
  it('warns when a password would cross the network in clear', () => {
    const tls = { cert: Buffer.from(''), key: Buffer.from('') };
    expect(clearPasswordWarning({ password: 'x' })).toMatch(/room password cross/);
    expect(clearPasswordWarning({ opPassword: 'x' })).toMatch(/operator password cross/);
    expect(clearPasswordWarning({ password: 'x', opPassword: 'y' })).toMatch(/room and operator passwords/);
    expect(clearPasswordWarning({})).toBeUndefined();
    expect(clearPasswordWarning({ password: 'x', tls })).toBeUndefined();
  });
  it('warns when the certificate has expired or expires within 7 days', { skip: !hasOpenssl() }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chatroom-units-'));
    const pem = readFileSync(makeCertificate({ out: dir, names: ['localhost'], days: 30 }).cert);
    const day = 24 * 60 * 60 * 1000;
    expect(certificateWarning(pem)).toBeUndefined();
    expect(certificateWarning(pem, Date.now() + 22 * day)).toBeUndefined();
    expect(certificateWarning(pem, Date.now() + 24 * day)).toMatch(/expires on .* \(in [67] day\(s\)\)/);
    expect(certificateWarning(pem, Date.now() + 31 * day)).toMatch(/expired on/);
  });
  it('never repeats the name of a password file (it may be the password itself)', () => {
    for (const flag of ['--password-file', '--op-password-file']) {
      expect(() => parseServerArgs([flag, 'hunter2'], {})).toThrow(`${flag}: cannot read the file: no such file (ENOENT)`);
    }
  });
});

function hasOpenssl(): boolean {
  try {
    makeCertificate({ out: mkdtempSync(path.join(tmpdir(), 'chatroom-probe-')), names: ['localhost'], days: 1 });
    return true;
  } catch {
    return false;
  }
}
