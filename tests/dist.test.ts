// The teachers' production path: npm run build, then a clean copy with only
// the runtime dependencies (npm ci --omit=dev: no tsx, no TypeScript, no
// esbuild) runs `node dist/server.js`, and a `node dist/client.js` chats on it.
// Needs the npm registry (or npm's cache) for the install.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../checker/network.ts';
import { ROOT } from '../checker/target.ts';
import { SERVER_NODE_FLAGS } from '../final/launch.ts';

const copy = mkdtempSync(path.join(os.tmpdir(), 'chatroom-dist-'));
const children: ChildProcess[] = [];
const sockets: net.Socket[] = [];

/** Run a command to its end; its output when it fails. */
function run(file: string, args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd, env: { ...process.env, NO_COLOR: '1' }, shell: process.platform === 'win32' && file === 'npm' });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk));
    child.once('close', (code) => resolve({ code, out }));
  });
}

/** Start a long-running program; `until(text)` resolves once its output contains text. */
function start(args: string[]) {
  const child = spawn(process.execPath, args, { cwd: copy, env: { ...process.env, NO_COLOR: '1', LANG: 'C', LC_ALL: '', LC_MESSAGES: '' } });
  children.push(child);
  let out = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  const settle = () => waiting.filter((w) => out.includes(w.text)).forEach((w) => w.resolve());
  child.stdout.on('data', (chunk: Buffer) => ((out += chunk), settle()));
  child.stderr.on('data', (chunk: Buffer) => ((out += chunk), settle()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    child,
    output: () => out,
    until: (text: string) =>
      Promise.race([
        new Promise<void>((resolve) => (waiting.push({ text, resolve }), settle())),
        exited.then(() => {
          if (!out.includes(text)) throw new Error(`${args.join(' ')} ended before printing "${text}":\n${out}`);
        }),
      ]),
  };
}

/** A raw TCP peer that collects what the server sends. */
async function peer(port: number) {
  const socket = net.connect({ port, host: '127.0.0.1' });
  sockets.push(socket);
  let received = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
    waiting.filter((w) => received.includes(w.text)).forEach((w) => w.resolve());
  });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return {
    send: (line: string) => socket.write(`${line}\n`),
    until: (text: string) => new Promise<void>((resolve) => (waiting.push({ text, resolve }), received.includes(text) && resolve())),
  };
}

describe('npm run build: the final chatroom without the dev toolchain', () => {
  beforeAll(async () => {
    const build = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tools/build.ts'), '--out', path.join(copy, 'dist')], ROOT);
    expect(build.code, build.out).toBe(0);
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(ROOT, file), path.join(copy, file));
    const install = await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], copy);
    expect(install.code, install.out).toBe(0);
  }, 240_000);

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(
      children.map((child) => (child.exitCode === null && child.signalCode === null ? (child.kill(), new Promise((r) => child.once('close', r))) : null)),
    );
    rmSync(copy, { recursive: true, force: true });
  });

  it('installs the runtime dependencies only, and loads ioredis only when asked to', () => {
    expect(existsSync(path.join(copy, 'node_modules/chalk'))).toBe(true);
    for (const dev of ['tsx', 'typescript', 'esbuild', 'vitest']) expect(existsSync(path.join(copy, 'node_modules', dev)), `${dev} installed`).toBe(false);
    expect(readFileSync(path.join(copy, 'dist/server.js'), 'utf8')).not.toMatch(/from ["']ioredis["']/);
  });

  it('node dist/server.js serves a chat to node dist/client.js', async () => {
    const port = await freePort();
    const server = start(['dist/server.js', '--host', '127.0.0.1', '--port', String(port)]);
    await server.until(`listening on 127.0.0.1:${port}`);
    // npm run client would need tsx, which this copy does not have: the hint names the built client.
    await server.until(`connect with "node ${path.join('dist', 'client.js')} --port ${port}"`);

    const client = start(['dist/client.js', '--host', '127.0.0.1', '--port', String(port), '--nick', 'alice']);
    await client.until('Welcome, alice!');
    const bob = await peer(port);
    await bob.until('NICK\n');
    bob.send('bob');
    await bob.until('*** welcome bob 2\n');
    await client.until('bob joined');
    client.child.stdin?.write('hello from dist\n');
    await bob.until('alice: hello from dist\n');
  });

  it('--help and a refused connection name the built commands, not npm scripts', async () => {
    const help = await run(process.execPath, ['dist/server.js', '--help'], copy);
    expect(help.out).toContain(`Usage: node ${SERVER_NODE_FLAGS.join(' ')} ${path.join('dist', 'server.js')} [options]`);
    expect(help.out).toContain(`clients connect with "node ${path.join('dist', 'client.js')}"`);
    expect(help.out).not.toMatch(/npm start|npm run client|npx tsx/); // (npm run cert stays: certificates are made in the repository)
    const nobody = await freePort();
    const client = await run(process.execPath, ['dist/client.js', '--port', String(nobody), '--nick', 'x', '--lang', 'en'], copy);
    expect(client.out).toContain(`is it started? (node ${SERVER_NODE_FLAGS.join(' ')} ${path.join('dist', 'server.js')})`);
  });
});
