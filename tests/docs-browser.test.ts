// The course site in a real browser: build it (or reuse a fresh build), serve
// docs/.vitepress/dist on a loopback port, and drive headless Chromium through
// it. Every request must stay on the machine and no page may log an error.
// Screenshots go to test-results/ (ignored by git).
//
// Needs Debian's chromium at /usr/bin/chromium. Without it the suite is
// skipped, with a message; in CI (CI=true) it runs and fails instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withBuildLock } from './browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'docs/.vitepress/dist');
const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const inCI = process.env.CI === 'true';

if (!haveChromium && !inCI) {
  console.warn(
    `\n  docs-browser.test.ts skipped: no Chromium at ${CHROMIUM}.\n` +
      '  Install it to run the browser checks: sudo apt-get install chromium\n' +
      '  (In CI, with CI=true, this suite fails instead of skipping.)\n',
  );
}

/** The step pages, and the final chatroom's page built like them, English paths. */
const STEP_PAGES = ['/steps/01-socket', '/steps/02-broadcast', '/steps/03-nick-handshake', '/steps/04-threads-async', '/final'];

/**
 * Newest modification time of a file, or of the files under a folder, skipping
 * build output. Folders' own times are ignored: a build changes docs/.vitepress's.
 */
function newest(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  if (!fs.statSync(dir).isDirectory()) return fs.statSync(dir).mtimeMs;
  let time = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'cache', '.temp'].includes(entry.name)) continue;
    const file = path.join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(file) : fs.statSync(file).mtimeMs);
  }
  return time;
}

/** Build the site unless docs/.vitepress/dist is newer than everything it is built from. */
function ensureBuild(): void {
  const built = path.join(DIST, 'index.html');
  const sources = Math.max(...['docs', 'steps', 'final', 'course', 'tests/course.ts', 'tests/checks'].map((dir) => newest(path.join(ROOT, dir))));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs > sources) return;
  const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vitepress/bin/vitepress.js'), 'build', 'docs'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (build.status !== 0) throw new Error(`npm run docs:build failed:\n${build.stdout}\n${build.stderr}`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/** A tiny static server for the built site, with VitePress's clean URLs (/steps/01-socket → 01-socket.html). */
function serve(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = path.join(DIST, pathname);
    const candidates = [file, path.join(file, 'index.html'), `${file}.html`];
    const found = file.startsWith(DIST) ? candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile()) : undefined;
    const served = found ?? path.join(DIST, '404.html');
    response.writeHead(found ? 200 : 404, { 'content-type': TYPES[path.extname(served)] ?? 'application/octet-stream' });
    response.end(fs.readFileSync(served));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(!haveChromium && !inCI)('the course site in Chromium', () => {
  let server: http.Server | undefined;
  let context: BrowserContext | undefined;
  let profile = '';
  let base = '';
  /** Requests that tried to leave the machine, and errors logged by pages. */
  const outside: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs it with apt-get install chromium.`);
    await withBuildLock(ROOT, ensureBuild); // docs-base.test.ts builds the same docs/ with another base
    server = await serve();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chatroom-docs-chromium-'));
    fs.mkdirSync(RESULTS, { recursive: true });
    // launchPersistentContext passes `profile` as Chromium's --user-data-dir.
    context = await chromium.launchPersistentContext(profile, {
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
      outside.push(url.href);
      return route.abort();
    });
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  /** Open a page of the site and wait until Vue has taken it over. */
  async function open(pathname: string, allow404 = false): Promise<Page> {
    if (!context) throw new Error('Chromium did not start');
    const page = context.pages()[0] ?? (await context.newPage());
    page.removeAllListeners('console');
    page.removeAllListeners('pageerror');
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (allow404 && message.text().includes('404')) return;
      errors.push(`${pathname}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${pathname}: ${error.message}`));
    const response = await page.goto(base + pathname);
    expect(response?.status(), `status of ${pathname}`).toBe(allow404 ? 404 : 200);
    await page.waitForSelector('#app .Layout');
    return page;
  }

  it('renders the home page in English and in French, in light and dark mode', async () => {
    const en = await open('/');
    expect(await en.getAttribute('html', 'lang')).toBe('en-US');
    expect(await en.locator('.VPHero .text').innerText()).toContain('Learn TCP sockets');
    await en.screenshot({ path: path.join(RESULTS, 'docs-home.en.png'), fullPage: true });

    const fr = await open('/fr/');
    expect(await fr.getAttribute('html', 'lang')).toBe('fr-FR');
    expect(await fr.locator('.VPHero .text').innerText()).toContain('Apprendre les sockets TCP');
    expect(await fr.locator('.VPNavBar').innerText()).toContain('Étapes');
    await fr.screenshot({ path: path.join(RESULTS, 'docs-home.fr.png'), fullPage: true });

    await fr.locator('.VPNavBarAppearance button').click();
    await fr.waitForSelector('html.dark');
    await fr.screenshot({ path: path.join(RESULTS, 'docs-home.fr.dark.png') });
    await fr.locator('.VPNavBarAppearance button').click();
    await fr.waitForSelector('html:not(.dark)');
  }, 60_000);

  it('the language switcher goes from an English step page to its French twin', async () => {
    const page = await open('/steps/03-nick-handshake');
    await page.locator('.VPNavBarTranslations button').hover();
    await page.locator('.VPNavBarTranslations a', { hasText: 'Français' }).click();
    await page.waitForURL(`${base}/fr/steps/03-nick-handshake`);
    await page.locator('.vp-doc h1', { hasText: 'poignée de main NICK' }).waitFor();
    expect(await page.locator('.VPDocFooter').innerText()).toContain('Page suivante');
  }, 60_000);

  it('the local search finds a French word on the French site', async () => {
    const page = await open('/fr/');
    await page.locator('#local-search button').click();
    await page.locator('input#localsearch-input').fill('poignée');
    const result = page.locator('.VPLocalSearchBox a.result[href*="/fr/steps/03-nick-handshake"]').first();
    await result.waitFor();
    expect(await page.locator('.VPLocalSearchBox').innerText()).toContain('poignée');
    await page.keyboard.press('Escape');
  }, 60_000);

  for (const lang of ['en', 'fr'] as const) {
    it(`every step page shows its code, diagrams and checks (${lang})`, async () => {
      for (const step of STEP_PAGES) {
        const pathname = lang === 'en' ? step : `/fr${step}`;
        const page = await open(pathname);
        const code = page.locator('.vp-doc div[class*="language-ts"] pre code');
        expect(await code.count(), `code blocks on ${pathname}`).toBeGreaterThan(0);
        await code.first().scrollIntoViewIfNeeded();
        expect(await code.first().isVisible(), `first code block visible on ${pathname}`).toBe(true);
        expect(await code.first().innerText(), `code on ${pathname}`).toMatch(/\S/);
        expect(await page.locator('.vp-doc ul.step-checks li').count(), `checks listed on ${pathname}`).toBeGreaterThan(0);
        if (step.endsWith('03-nick-handshake')) {
          const diagram = page.locator('.vp-doc figure.diagram svg');
          expect(await diagram.count()).toBeGreaterThan(0);
          await diagram.first().scrollIntoViewIfNeeded();
          if (lang === 'fr') await page.screenshot({ path: path.join(RESULTS, 'docs-step-03.fr.png'), fullPage: true });
        }
      }
    }, 90_000);
  }

  it('shows the 404 page in the reader’s language', async () => {
    const page = await open('/fr/steps/99-nowhere', true);
    expect(await page.locator('.NotFound').innerText()).toContain('PAGE INTROUVABLE');
  }, 60_000);

  it('every link to a heading points at a heading that exists', () => {
    const html = new Map<string, string>();
    const read = (pathname: string) => {
      const file = path.join(DIST, pathname === '/' || pathname.endsWith('/') ? `${pathname}index.html` : `${pathname}.html`);
      if (!html.has(file)) html.set(file, fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
      return html.get(file) ?? '';
    };
    const broken: string[] = [];
    const pages = fs.readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html') && file !== '404.html');
    for (const file of pages) {
      const from = `/${file.replace(/(index)?\.html$/, '')}`;
      for (const [, target, hash] of read(from).matchAll(/href="(\/[^"#]*)#([^"]+)"/g)) {
        if (!read(target ?? '/').includes(`id="${hash}"`)) broken.push(`${from} → ${target}#${hash}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('made no request outside the machine and logged no error', () => {
    expect(outside, 'requests to other hosts').toEqual([]);
    expect(errors, 'console errors').toEqual([]);
  });
});
