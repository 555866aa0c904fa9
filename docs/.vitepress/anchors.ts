// Shared heading anchors: every heading (## and deeper) of an English page
// carries an explicit anchor, `## Pitfalls {#pitfalls}`, and its French twin
// carries the same one, `## Les pièges {#pitfalls}`. So the language switch,
// which keeps the #hash, lands on the same section, and a link to a section
// is written once for both languages. tests/docs-parity.test.ts checks it.
//
// This script sets the anchors: on each English page given (all of them when
// none is given), a heading without an anchor gets the one VitePress would
// have made from its English text (so English links keep working), and the
// French twin's heading at the same place gets the same anchor; links in the
// French pages to the French anchors they replace are rewritten.
//
// Usage: npx tsx docs/.vitepress/anchors.ts [docs/steps/05-new-page.md ...]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DOCS = path.resolve(import.meta.dirname, '..');
const ROOT = path.dirname(DOCS);

/** VitePress 1.6's slugify (from @mdit-vue/shared), applied to a heading's text. */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036F]/g, '')
      // eslint-disable-next-line no-control-regex -- as VitePress's own slugify: control characters go
      .replace(/[\u0000-\u001f]/g, '')
      .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^(\d)/, '_$1')
      .toLowerCase()
  );
}

/** The text VitePress slugifies: the heading without its markup (code marks, emphasis, link targets, tags). */
function headingText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .replace(/(\*\*|__|\*|_)(?=\S)([^*_]+?)\1/g, '$2')
    .trim();
}

export interface Heading {
  /** 0-based line number in the file. */
  line: number;
  level: number;
  text: string;
  anchor: string | null;
}

/** The headings of a page (## and deeper), outside code blocks. */
export function headingsOf(source: string): Heading[] {
  const headings: Heading[] = [];
  let fence: string | null = null;
  source.split('\n').forEach((line, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      return;
    }
    if (marker) {
      fence = marker;
      return;
    }
    const match = /^(#{2,6})\s+(.*?)(?:\s+\{#([\w-]+)\})?\s*$/.exec(line);
    if (match) headings.push({ line: index, level: match[1]!.length, text: match[2]!, anchor: match[3] ?? null });
  });
  return headings;
}

function setAnchor(line: string, anchor: string): string {
  return `${line.replace(/\s+\{#[\w-]+\}\s*$/, '').trimEnd()} {#${anchor}}`;
}

/** Give the English page and its French twin the same anchors; returns the French anchors replaced. */
export function shareAnchors(englishFile: string): Map<string, string> {
  const frenchFile = path.join(DOCS, 'fr', path.relative(DOCS, englishFile));
  const en = fs.readFileSync(englishFile, 'utf8').split('\n');
  const enHeadings = headingsOf(en.join('\n'));
  const used = new Set(enHeadings.flatMap((heading) => (heading.anchor ? [heading.anchor] : [])));
  const anchors = enHeadings.map((heading) => {
    if (heading.anchor) return heading.anchor;
    const base = slugify(headingText(heading.text));
    let anchor = base;
    for (let n = 1; used.has(anchor); n++) anchor = `${base}-${n}`;
    used.add(anchor);
    en[heading.line] = setAnchor(en[heading.line]!, anchor);
    return anchor;
  });
  fs.writeFileSync(englishFile, en.join('\n'));
  const renamed = new Map<string, string>();
  if (!fs.existsSync(frenchFile)) return renamed;
  const fr = fs.readFileSync(frenchFile, 'utf8').split('\n');
  const frHeadings = headingsOf(fr.join('\n'));
  if (frHeadings.length !== enHeadings.length) {
    throw new Error(`${path.relative(ROOT, frenchFile)} has ${frHeadings.length} headings, its English twin ${enHeadings.length}: align them first`);
  }
  const seen = new Map<string, number>();
  frHeadings.forEach((heading, index) => {
    const slug = slugify(headingText(heading.text));
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    const old = heading.anchor ?? (count === 0 ? slug : `${slug}-${count}`);
    const anchor = anchors[index]!;
    if (old !== anchor) renamed.set(old, anchor);
    fr[heading.line] = setAnchor(fr[heading.line]!, anchor);
  });
  fs.writeFileSync(frenchFile, fr.join('\n'));
  return renamed;
}

/** Every .md file under a folder. */
function markdownUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md') && !file.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules'))
    .map((file) => path.join(dir, file));
}

/** Rewrite links to the French anchors that changed: `/fr/steps/02-broadcast#les-pieges` → `…#pitfalls`. */
function rewriteFrenchLinks(page: string, renamed: Map<string, string>): void {
  if (renamed.size === 0) return;
  const frenchPage = path.join(DOCS, 'fr', page);
  const link = `/fr/${page.replace(/\.md$/, '').replace(/(^|\/)index$/, '$1')}`;
  const files = [...markdownUnder(path.join(DOCS, 'fr')), ...markdownUnder(path.join(ROOT, 'course')).filter((file) => file.endsWith('.fr.md'))];
  for (const file of files) {
    const before = fs.readFileSync(file, 'utf8');
    const after = before.replace(/(\]\(|href=")([^)"#\s]*)#([\w-]+)/g, (whole, open: string, target: string, hash: string) => {
      const samePage = target === '' ? file === frenchPage : target.replace(/\.md$/, '').replace(/\/$/, '') === link.replace(/\/$/, '');
      const anchor = samePage ? renamed.get(hash) : undefined;
      return anchor ? `${open}${target}#${anchor}` : whole;
    });
    if (after !== before) fs.writeFileSync(file, after);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const given = process.argv.slice(2).map((file) => path.resolve(file));
  const pages = given.length > 0 ? given : markdownUnder(DOCS).filter((file) => !file.startsWith(path.join(DOCS, 'fr') + path.sep));
  for (const file of pages) {
    const renamed = shareAnchors(file);
    rewriteFrenchLinks(path.relative(DOCS, file), renamed);
    console.log(`${path.relative(ROOT, file)}: ${headingsOf(fs.readFileSync(file, 'utf8')).length} anchors, ${renamed.size} French anchors renamed`);
  }
}
