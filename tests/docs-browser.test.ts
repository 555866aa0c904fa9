// The course site in a real browser: build it (or reuse a fresh build), serve
// docs/.vitepress/dist on a loopback port, and drive headless Chromium through
// it. Every request must stay on the machine and no page may log an error.
// Screenshots go to test-results/ (ignored by git).
//
// Needs Debian's chromium at /usr/bin/chromium. Without it the suite is
// skipped, with a message; in CI (CI=true) it runs and fails instead.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, haveChromium, inCI, launchChromium, withBuildLock } from './browser.ts';
import { steps } from '../course/index.ts';
import { DIST, ROOT, builtPage, builtPages, ensureBuild, listingsOf, type CodeLine } from './site.ts';

const RESULTS = path.join(ROOT, 'test-results');

if (!haveChromium && !inCI) {
  console.warn(
    `\n  docs-browser.test.ts skipped: no Chromium at ${CHROMIUM}.\n` +
      '  Install it to run the browser checks: sudo apt-get install chromium\n' +
      '  (In CI, with CI=true, this suite fails instead of skipping.)\n',
  );
}

/** The step pages, and the final chatroom's page built like them, English paths. */
const STEP_PAGES = ['/steps/01-socket', '/steps/02-broadcast', '/steps/03-nick-handshake', '/steps/04-threads-async', '/final'];

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
    context = await launchChromium(profile, (url) => outside.push(url));
  }, 660_000);

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
    // How to start: the clone (when the repository's address is known), then the README's two commands.
    const commands = await en.locator('.vp-doc .clone-commands').innerText();
    expect(commands).toContain('npm ci && npm start');
    expect(commands).toContain('npm ci && npm test');
    if (!commands.includes('git clone https://')) expect(await en.locator('.vp-doc .clone-unknown').count()).toBe(1);
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

  it('the language switcher goes from an English step page to the same section of its French twin', async () => {
    const page = await open('/steps/02-broadcast#pitfalls');
    await page.locator('.VPNavBarTranslations button').hover();
    await page.locator('.VPNavBarTranslations a', { hasText: 'Français' }).click();
    await page.waitForURL(`${base}/fr/steps/02-broadcast#pitfalls`);
    await page.locator('.vp-doc h1', { hasText: 'Diffuser à tous les clients' }).waitFor();
    const heading = page.locator('.vp-doc h2#pitfalls');
    expect(await heading.innerText()).toContain('Les pièges');
    // The browser scrolled to it: the section's heading is on the screen.
    await expect.poll(() => heading.evaluate((element) => element.getBoundingClientRect().top)).toBeLessThan(900);
    expect(await page.locator('.VPDocFooter').innerText()).toContain('Page suivante');
    expect(await page.locator('.VPLastUpdated').innerText(), 'French typography in the footer').toMatch(/^Mis à jour le\u00a0: \S/);
  }, 60_000);

  it('the local search finds a French word on the French site', async () => {
    const page = await open('/fr/');
    await page.locator('#local-search button').click();
    await page.locator('input#localsearch-input').fill('poignée');
    const result = page.locator('.VPLocalSearchBox a.result[href*="/fr/steps/03-nick-handshake"]').first();
    await result.waitFor();
    expect(await page.locator('.VPLocalSearchBox').innerText()).toContain('poignée');
    // « diffusion » is how a French reader names step 02's idea.
    await page.locator('input#localsearch-input').fill('diffusion');
    await page.locator('.VPLocalSearchBox a.result[href*="/fr/steps/02-broadcast"]').first().waitFor();
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

  it('no code block scrolls sideways at 1440 px, on the step pages and /final, whole files included', async () => {
    const overflowing: string[] = [];
    for (const step of STEP_PAGES) {
      for (const pathname of [step, `/fr${step}`]) {
        const page = await open(pathname);
        await page.setViewportSize({ width: 1440, height: 900 });
        // Open every whole-file listing: what a reader can show must fit too.
        // (Browser code as strings: this project's TypeScript has no DOM types.)
        await page.evaluate("document.querySelectorAll('.vp-doc details').forEach((details) => details.setAttribute('open', ''))");
        const found = await page.evaluate<string[]>(`
          [...document.querySelectorAll('.vp-doc div[class*="language-"] pre, .vp-doc table')]
            .filter((element) => element.offsetParent !== null)
            .filter((element) => element.scrollWidth > element.clientWidth + 1)
            .map((element) => element.tagName + ' ' + element.scrollWidth + '>' + element.clientWidth + ': ' + element.textContent.slice(0, 60))`);
        overflowing.push(...found.map((line) => `${pathname}: ${line}`));
      }
    }
    expect(overflowing).toEqual([]);
  }, 120_000);

  it('every diagram label is at least 11 CSS px on a 390 px phone', async () => {
    const small: string[] = [];
    let labels = 0;
    const pages = builtPages().filter((pathname) => builtPage(pathname).includes('class="diagram"'));
    expect(pages.length).toBeGreaterThan(5);
    for (const pathname of pages) {
      const page = await open(pathname);
      await page.setViewportSize({ width: 390, height: 844 });
      // The size a label is drawn at: its font size in the SVG's units, times the SVG's scale.
      const sizes = await page.evaluate<{ text: string; px: number }[]>(`
        [...document.querySelectorAll('.vp-doc figure.diagram svg')].flatMap((svg) => {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return [...svg.querySelectorAll('text')].map((text) => ({ text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale }));
        })`);
      const pageWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
      if (pageWidth > 390) small.push(`${pathname}: the page is ${pageWidth} px wide`);
      labels += sizes.length;
      small.push(...sizes.filter((size) => size.px < 11).map((size) => `${pathname}: "${size.text}" at ${size.px.toFixed(1)} px`));
      if (pathname === '/fr/concepts/event-loop') await page.screenshot({ path: path.join(RESULTS, 'docs-diagram.fr.phone.png') });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    expect(labels).toBeGreaterThan(50);
    expect(small).toEqual([]);
  }, 120_000);

  it('screenshots of a step page, desktop and phone, in both languages (test-results/docs-step-02.*.png)', async () => {
    for (const lang of ['en', 'fr'] as const) {
      const pathname = `${lang === 'fr' ? '/fr' : ''}/steps/02-broadcast`;
      for (const [device, viewport] of [
        ['desktop', { width: 1440, height: 900 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        const page = await open(pathname);
        await page.setViewportSize(viewport);
        // The code, with its caption and highlighted lines; then the run, in time order.
        await page
          .locator('.vp-doc figure.listing')
          .first()
          .evaluate((element) => element.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: path.join(RESULTS, `docs-step-02.${lang}.${device}.code.png`) });
        await page
          .locator('.vp-doc figure.transcript')
          .first()
          .evaluate((element) => element.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: path.join(RESULTS, `docs-step-02.${lang}.${device}.run.png`) });
        expect(await page.locator('.vp-doc figure.transcript kbd.typed').count(), `typed input on ${pathname}`).toBeGreaterThan(0);
        await page.setViewportSize({ width: 1440, height: 900 });
      }
    }
  }, 120_000);

  it('shows the 404 page in the reader’s language', async () => {
    const page = await open('/fr/steps/99-nowhere', true);
    expect(await page.locator('.NotFound').innerText()).toContain('PAGE INTROUVABLE');
  }, 60_000);

  it('made no request outside the machine and logged no error', () => {
    expect(outside, 'requests to other hosts').toEqual([]);
    expect(errors, 'console errors').toEqual([]);
  });
});

/** Lines a reader compares between two steps: not blank, not a `// #region` marker. */
const compared = (text: string) => text.trim() !== '' && !/^\/\/ ?#?(end)?region\b/.test(text.trim());

/** Length of a longest common subsequence of two lists of lines. */
function lcsLength(a: string[], b: string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const line of a) {
    const next = [0];
    b.forEach((other, j) => next.push(line === other ? (row[j] ?? 0) + 1 : Math.max(row[j + 1] ?? 0, next[j] ?? 0)));
    row = next;
  }
  return row[b.length] ?? 0;
}

/** Whether `part` appears in `all` in order, not necessarily side by side. */
function isSubsequence(part: string[], all: string[]): boolean {
  let at = 0;
  for (const line of all) if (line === part[at]) at++;
  return at === part.length;
}

/** The .md sources of a built page: the page and what it includes. */
function sourcesOf(pathname: string): string[] {
  const base = path.join(ROOT, 'docs', pathname === '/' || pathname.endsWith('/') ? `${pathname}index.md` : `${pathname}.md`);
  const found: string[] = [];
  const walk = (file: string) => {
    if (!fs.existsSync(file)) return;
    found.push(file);
    for (const [, include] of fs.readFileSync(file, 'utf8').matchAll(/<!--\s*@include:\s*(.*?)\s*-->/g)) walk(path.resolve(path.dirname(file), include ?? ''));
  };
  walk(base);
  return found;
}

describe('the built course site (HTML)', () => {
  beforeAll(() => withBuildLock(ROOT, ensureBuild), 660_000);

  const laterSteps = steps.filter((step) => step.dir.startsWith('steps/')).slice(1);
  for (const lang of ['en', 'fr'] as const) {
    for (const [index, step] of laterSteps.entries()) {
      const previous = steps.filter((s) => s.dir.startsWith('steps/'))[index];
      const pathname = `${lang === 'fr' ? '/fr' : ''}/steps/${path.basename(step.dir)}`;
      it(`${pathname} highlights exactly the lines new or changed since ${previous?.dir}`, () => {
        const listings = listingsOf(builtPage(pathname)).filter((listing) => listing.file.startsWith(`${step.dir}/`));
        expect(listings.length, `code from ${step.dir} on ${pathname}`).toBeGreaterThan(0);
        expect(listings.flatMap((listing) => listing.shown).filter((line) => line.highlighted).length, 'highlighted lines').toBeGreaterThan(0);
        for (const listing of listings) {
          const before = fs
            .readFileSync(path.join(ROOT, previous?.dir ?? '', path.basename(listing.file)), 'utf8')
            .split('\n')
            .filter(compared)
            .map((line) => line.trim());
          const whole = listing.whole ?? [];
          expect(whole.length, `${listing.file}: the whole file behind <details>`).toBeGreaterThan(0);
          const lines = whole.filter((line) => compared(line.text));
          expect(
            whole.filter((line) => line.highlighted && !compared(line.text)),
            `${listing.file}: highlighted blank or marker lines`,
          ).toEqual([]);
          // Nothing old is highlighted more than it must be, and nothing new is left plain.
          const plain = lines.filter((line) => !line.highlighted).map((line) => line.text.trim());
          expect(isSubsequence(plain, before), `${listing.file}: every plain line is in ${previous?.dir}, in order`).toBe(true);
          const changed =
            lines.length -
            lcsLength(
              lines.map((line) => line.text.trim()),
              before,
            );
          expect(lines.filter((line) => line.highlighted).length, `${listing.file}: highlighted lines, the fewest that explain the change`).toBe(changed);
          // The block shows the same lines, highlighted the same way, as in the whole file.
          const key = (line: CodeLine) => `${line.highlighted ? '+' : ' '}${line.text.trim()}`;
          const unmarked = whole
            .filter((line) => !/^\/\/ #(end)?region /.test(line.text.trim()))
            .map(key)
            .join('\n');
          expect(unmarked, `${listing.file}: the block's highlights match the whole file's`).toContain(listing.shown.map(key).join('\n'));
        }
      });
    }
  }

  it('every imported code block is captioned with its file, and a region comes with its whole file, imports included', () => {
    const problems: string[] = [];
    let count = 0;
    for (const pathname of builtPages()) {
      const imports = sourcesOf(pathname).flatMap((file) =>
        [...fs.readFileSync(file, 'utf8').matchAll(/^<<<\s+@\/([^\s#{[]+)(#[\w-]+)?/gm)].map(([, target = '', region]) => ({
          file: path
            .relative(ROOT, path.join(ROOT, 'docs', target))
            .split(path.sep)
            .join('/'),
          region,
        })),
      );
      const listings = listingsOf(builtPage(pathname));
      count += imports.length;
      if (listings.length !== imports.length) problems.push(`${pathname}: ${imports.length} imports but ${listings.length} captioned listings`);
      imports.forEach((item, i) => {
        const listing = listings[i];
        if (!listing?.caption.startsWith(item.file)) problems.push(`${pathname}: listing ${i + 1} should be captioned ${item.file}, is "${listing?.caption}"`);
        const source = fs.readFileSync(path.join(ROOT, item.file), 'utf8').trimEnd();
        if (item.region && listing?.whole?.map((line) => line.text).join('\n') !== source)
          problems.push(`${pathname}: ${item.file}${item.region} does not come with the whole file`);
      });
    }
    expect(count).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });

  it('no page holds a path of the machine that built it or recorded its runs', () => {
    const places = [ROOT, os.homedir(), os.tmpdir()].map((place) => `${place}/`);
    const generic = /(^|[\s"'(=])(\/home\/|\/Users\/|\/root\/|\/tmp\/|\/var\/folders\/|[A-Z]:\\Users\\)/m;
    const found: string[] = [];
    for (const file of fs.readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(html|js|json)$/.test(name))) {
      const text = fs.readFileSync(path.join(DIST, file), 'utf8');
      for (const place of places) if (text.includes(place)) found.push(`${file}: ${place}`);
      const match = generic.exec(text);
      if (match) found.push(`${file}: …${text.slice(Math.max(0, match.index - 30), match.index + 40)}…`);
    }
    expect(found).toEqual([]);
  });

  it('every link to a heading points at a heading that exists', () => {
    const broken: string[] = [];
    for (const from of builtPages()) {
      for (const [, target, hash] of builtPage(from).matchAll(/href="(\/[^"#]*)#([^"]+)"/g)) {
        if (!builtPage(target ?? '/').includes(`id="${hash}"`)) broken.push(`${from} → ${target}#${hash}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
