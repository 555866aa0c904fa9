// The built course site, for the tests that read it: build it when it is older
// than its sources, and read its pages' HTML (code listings, headings).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const DIST = path.join(ROOT, 'docs/.vitepress/dist');

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
export function ensureBuild(): void {
  const built = path.join(DIST, 'index.html');
  const sources = Math.max(...['docs', 'steps', 'final', 'course', 'checker'].map((dir) => newest(path.join(ROOT, dir))));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs > sources) return;
  const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vitepress/bin/vitepress.js'), 'build', 'docs'], {
    cwd: ROOT,
    encoding: 'utf8',
    // A build takes 20 s on an idle machine; several minutes on a loaded one.
    timeout: 600_000,
  });
  if (build.status !== 0) {
    const why = build.signal ? `stopped by ${build.signal} after 600 s` : `exit code ${build.status}`;
    throw new Error(`npm run docs:build failed (${why}):\n${build.stdout}\n${build.stderr}`);
  }
}

/** The built HTML of a page: '/steps/02-broadcast' → dist/steps/02-broadcast.html. */
export function builtPage(pathname: string): string {
  const file = path.join(DIST, pathname === '/' || pathname.endsWith('/') ? `${pathname}index.html` : `${pathname}.html`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** Every built page, as a clean path: '/', '/fr/steps/01-socket'... */
export function builtPages(): string[] {
  return fs
    .readdirSync(DIST, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html') && file !== '404.html')
    .map(
      (file) =>
        `/${file
          .split(path.sep)
          .join('/')
          .replace(/(index)?\.html$/, '')}`,
    );
}

function decode(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&amp;/g, '&');
}

export interface CodeLine {
  text: string;
  highlighted: boolean;
}

/** The lines of one rendered code block (`<pre>…</pre>`), with VitePress's highlight marks. */
export function codeLines(pre: string): CodeLine[] {
  const code = /<code>([\s\S]*?)<\/code>/.exec(pre)?.[1] ?? '';
  return code.split('\n').map((line) => ({ text: decode(line), highlighted: /^<span class="line[^"]*\bhighlighted\b/.test(line) }));
}

export interface BuiltListing {
  /** The file named in the caption: steps/02-broadcast/server.ts. */
  file: string;
  caption: string;
  /** The block as the page shows it. */
  shown: CodeLine[];
  /** The whole file, behind <details>, when the block shows a region. */
  whole: CodeLine[] | null;
}

/** The captioned code listings of a built page (docs/.vitepress/listings.ts). */
export function listingsOf(html: string): BuiltListing[] {
  return [...html.matchAll(/<figure class="listing" data-file="([^"]*)">([\s\S]*?)<\/figure>/g)].map(([, file = '', body = '']) => {
    const pres = [...body.matchAll(/<pre[\s\S]*?<\/pre>/g)].map((match) => match[0]);
    return {
      file,
      caption: decode(/<figcaption[^>]*>([\s\S]*?)<\/figcaption>/.exec(body)?.[1] ?? ''),
      shown: codeLines(pres[0] ?? ''),
      whole: pres[1] ? codeLines(pres[1]) : null,
    };
  });
}
