// The course site as GitHub Pages serves a fork's copy: under /<repository>/.
// Build it with DOCS_BASE=/chatroom/ into a folder of its own (not
// docs/.vitepress/dist, which docs-browser.test.ts uses) unless that build is
// fresh, serve it under /chatroom/ only, and open every page in Chromium:
// every request must succeed and stay under /chatroom/.
//
// Needs Debian's chromium at /usr/bin/chromium. Without it the suite is
// skipped, with a message; in CI (CI=true) it runs and fails instead.
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, buildSite, haveChromium, inCI, launchChromium, serveSite } from './browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BASE = '/chatroom/';

if (!haveChromium && !inCI) console.warn(`\n  docs-base.test.ts skipped: no Chromium at ${CHROMIUM} (sudo apt-get install chromium).\n`);

describe.skipIf(!haveChromium && !inCI)(`the course site built with DOCS_BASE=${BASE}`, () => {
  // Kept between runs, rebuilt when a source is newer; .ci/run builds it before the tests.
  const dist = path.join(ROOT, 'node_modules/.cache/chatroom-docs-base');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chatroom-docs-base-'));
  let server: http.Server | undefined;
  let context: BrowserContext | undefined;
  let origin = '';
  /** Requests that left /chatroom/ or the machine, and requests that failed. */
  const outsideBase: string[] = [];
  const outsideMachine: string[] = [];
  const failed: string[] = [];
  const requested = new Set<string>();

  // Up to ten minutes: after an edit under docs/, this build waits for docs-browser.test.ts's
  // (VitePress builds one at a time), and each takes a few minutes on a busy machine.
  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs it with apt-get install chromium.`);
    await buildSite(ROOT, BASE, dist);
    server = await serveSite(dist, BASE, (pathname) => outsideBase.push(pathname));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    context = await launchChromium(path.join(work, 'profile'), (url) => outsideMachine.push(url));
    context.on('request', (request) => requested.add(request.url()));
    context.on('requestfailed', (request) => {
      // Leaving a page cancels the prefetches of the pages it links to (net::ERR_ABORTED);
      // a file that is missing is answered 404, which the response listener reports.
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${request.url()}: ${request.failure()?.errorText}`);
    });
    context.on('response', (response) => {
      if (response.status() >= 400 && !response.url().includes('/99-nowhere')) failed.push(`${response.url()}: ${response.status()}`);
    });
  }, 600_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** Open a page and wait until Vue has taken it over. */
  async function open(pathname: string): Promise<Page> {
    if (!context) throw new Error('Chromium did not start');
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(origin + pathname);
    await page.waitForSelector('#app .Layout');
    return page;
  }

  it('every built page links its pages and assets under /chatroom/', () => {
    const wrong: string[] = [];
    for (const file of fs.readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(html|css|js)$/.test(name))) {
      const text = fs.readFileSync(path.join(dist, file), 'utf8');
      for (const [link] of text.matchAll(/\b(?:href|src)="\/[^"]*"|url\(\/[^)]*\)/g)) if (!link.includes(BASE)) wrong.push(`${file}: ${link}`);
    }
    expect(wrong).toEqual([]);
  });

  it('opens every page, in English and in French', async () => {
    const pages = fs
      .readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.html') && file !== '404.html')
      .map((file) => BASE + file.replace(/\\/g, '/').replace(/(index)?\.html$/, ''));
    expect(pages.length).toBeGreaterThan(20);
    expect(pages).toContain(`${BASE}fr/steps/03-nick-handshake`);
    for (const pathname of pages) {
      const page = await open(pathname);
      expect(await page.locator('.VPNavBarTitle a').getAttribute('href'), `home link on ${pathname}`).toMatch(new RegExp(`^${BASE}`));
    }
  }, 180_000);

  it('moves from page to page inside the site: the language switcher and the search index', async () => {
    const page = await open(`${BASE}steps/03-nick-handshake`);
    await page.locator('.VPNavBarTranslations button').hover();
    await page.locator('.VPNavBarTranslations a', { hasText: 'Français' }).click();
    await page.waitForURL(`${origin}${BASE}fr/steps/03-nick-handshake`);
    await page.locator('#local-search button').click();
    await page.locator('input#localsearch-input').fill('poignée');
    await page.locator(`.VPLocalSearchBox a.result[href^="${BASE}fr/"]`).first().waitFor();
    await page.keyboard.press('Escape');
  }, 60_000);

  it('shows its own 404 page for an address under /chatroom/ that does not exist', async () => {
    const page = await open(`${BASE}fr/steps/99-nowhere`);
    expect(await page.locator('.NotFound').innerText()).toContain('PAGE INTROUVABLE');
  }, 60_000);

  it('every request succeeded and stayed under /chatroom/ on this machine', () => {
    expect(requested.size).toBeGreaterThan(50);
    expect(outsideBase, 'requests outside /chatroom/').toEqual([]);
    expect(outsideMachine, 'requests to other hosts').toEqual([]);
    expect(failed, 'failed requests').toEqual([]);
  });
});
