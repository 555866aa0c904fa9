// npm run cert on a computer with no openssl command (Windows outside Git
// Bash): the tool runs with a PATH where openssl cannot be found, and the
// certificate it makes must carry a real TLS conversation on loopback.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../checker/target.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'chatroom-cert-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** tools/cert.ts run by node itself, with an empty folder as the whole PATH. */
function cert(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const env = { ...process.env, PATH: dir, Path: dir };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tools/cert.ts'), ...args], { cwd: ROOT, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

/** One line sent through a TLS server that uses the certificate, by a client that trusts only it. */
async function echoOverTls(files: { cert: string; key: string }, connectTo: { host: string; servername?: string }): Promise<string> {
  const server = tls.createServer({ cert: readFileSync(files.cert), key: readFileSync(files.key) }, (socket) => socket.pipe(socket));
  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return await new Promise<string>((resolve, reject) => {
      const socket = tls.connect({ port, ...connectTo, ca: readFileSync(files.cert) }, () => socket.write('hello over TLS\n'));
      socket.setEncoding('utf8');
      socket.once('data', (line: string) => {
        socket.destroy();
        resolve(line);
      });
      socket.once('error', reject);
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('npm run cert without the openssl command', () => {
  const out = path.join(dir, 'certs');

  it('makes a certificate and a private key', async () => {
    expect(spawnSync('openssl', ['version'], { env: { PATH: dir } }).error, 'openssl is hidden from the tool').toBeDefined();
    const result = await cert(['--out', out, '--name', 'class.example', '--days', '2']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(path.join(out, 'cert.pem'));
    expect(readFileSync(path.join(out, 'cert.pem'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    if (process.platform !== 'win32') expect(statSync(path.join(out, 'key.pem')).mode & 0o077, 'key.pem readable by others').toBe(0);
  });

  const files = { cert: path.join(out, 'cert.pem'), key: path.join(out, 'key.pem') };
  for (const connectTo of [{ host: '127.0.0.1' }, { host: '127.0.0.1', servername: 'localhost' }, { host: '127.0.0.1', servername: 'class.example' }]) {
    it(`carries a TLS conversation to ${connectTo.servername ?? connectTo.host}`, async () => {
      expect(await echoOverTls(files, connectTo)).toBe('hello over TLS\n');
    });
  }

  it('is refused for a name it was not made for', async () => {
    await expect(echoOverTls(files, { host: '127.0.0.1', servername: 'elsewhere.example' })).rejects.toThrow(/elsewhere\.example/);
  });

  it('says in one line what is wrong with a bad --days', async () => {
    const result = await cert(['--out', path.join(dir, 'bad'), '--days', 'soon']);
    expect(result.code).toBe(2); // a usage error, as an unknown option
    expect(result.err.trim()).toBe('--days takes a whole number of days, not "soon"');
  });

  it('answers --help with its usage, and an unknown option with one line and the usage', async () => {
    expect((await cert(['--help'])).out).toMatch(/^Usage: npm run cert -- \[--out DIR\]/);
    const bogus = await cert(['--bogus']);
    expect(bogus.code).toBe(2);
    expect(bogus.err).toMatch(/^Unknown option '--bogus'/);
    expect(bogus.err).not.toMatch(/^\s+at /m);
  });
});
