// Helpers for the course site's browser tests: Debian's Chromium, headless
// and kept off the network, and a tiny static server for a built site.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);
export const inCI = process.env.CI === 'true';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/**
 * Serve the site built in `dist` under `base` (like GitHub Pages serves a
 * project's site under /<repository>/), with VitePress's clean URLs
 * (/chatroom/final → final.html). A request outside `base` is answered 404
 * and reported to `onOutside`.
 */
export function serveSite(dist: string, base: string, onOutside: (url: string) => void): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (!pathname.startsWith(base)) {
      onOutside(pathname);
      response.writeHead(404).end();
      return;
    }
    const file = path.join(dist, pathname.slice(base.length));
    const candidates = [file, path.join(file, 'index.html'), `${file}.html`];
    const found = file.startsWith(dist) ? candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile()) : undefined;
    const served = found ?? path.join(dist, '404.html');
    response.writeHead(found ? 200 : 404, { 'content-type': TYPES[path.extname(served)] ?? 'application/octet-stream' });
    response.end(fs.readFileSync(served));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Headless Chromium with its profile in `profile`; every request to another
 * host than this machine is aborted and reported to `onOutside`.
 */
export async function launchChromium(profile: string, onOutside: (url: string) => void): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (['127.0.0.1', 'localhost'].includes(url.hostname)) return route.continue();
    onOutside(url.href);
    return route.abort();
  });
  return context;
}

const LOCKS = path.join(os.tmpdir(), 'chatroom-locks');

/**
 * Run `work` while holding a lock that every process of this machine shares,
 * for this checkout of the repository. VitePress builds docs/ through one
 * fixed folder, docs/.vitepress/.temp, and deletes it when done: two builds of
 * the same checkout at once (docs-browser's and docs-base's test files run in
 * parallel workers) would break each other. A lock older than `staleMs` was
 * left by a process that died, and is taken over.
 */
export async function withBuildLock<T>(root: string, work: () => T | Promise<T>, staleMs = 600_000): Promise<T> {
  fs.mkdirSync(LOCKS, { recursive: true });
  const lock = path.join(LOCKS, `vitepress-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);
  for (;;) {
    try {
      fs.mkdirSync(lock); // atomic: fails if another process holds the lock
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = fs.statSync(lock, { throwIfNoEntry: false });
    if (held && Date.now() - held.mtimeMs > staleMs) {
      fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    // Wait for the holder to remove it: watch the folder, then look once, in that order.
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        watcher.close();
        resolve();
      };
      const watcher = fs.watch(LOCKS, () => {
        if (!fs.existsSync(lock)) done();
      });
      const timer = setTimeout(done, staleMs); // by then the lock is stale
      if (!fs.existsSync(lock)) done();
    });
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Newest modification time of a file, or of the files under a folder, skipping
 * build output. Folders' own times are ignored: a build changes docs/.vitepress's.
 */
function newest(file: string): number {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return stat?.mtimeMs ?? 0;
  let time = 0;
  for (const entry of fs.readdirSync(file, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'cache', '.temp'].includes(entry.name)) continue;
    time = Math.max(time, newest(path.join(file, entry.name)));
  }
  return time;
}

/**
 * Build the course site of `root` with this DOCS_BASE into `outDir`, unless
 * what is there is newer than everything it is built from (.ci/run builds it
 * before the tests). One build at a time: see withBuildLock.
 */
export async function buildSite(root: string, base: string, outDir: string): Promise<void> {
  const sources = () => Math.max(...['docs', 'steps', 'final', 'course', 'checker'].map((dir) => newest(path.join(root, dir))));
  const fresh = () => newest(path.join(outDir, 'index.html')) > sources();
  if (fresh()) return;
  await withBuildLock(root, async () => {
    if (fresh()) return; // built while we waited
    const vitepress = path.join(root, 'node_modules/vitepress/bin/vitepress.js');
    const child = spawn(process.execPath, [vitepress, 'build', 'docs', '--outDir', outDir], { cwd: root, env: { ...process.env, DOCS_BASE: base } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (code !== 0) throw new Error(`DOCS_BASE=${base} vitepress build docs --outDir ${outDir} failed:\n${output}`);
  });
}
