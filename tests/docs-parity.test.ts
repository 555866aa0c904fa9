// The course site's sources, read as text (no build, no browser):
// - every English page has a French twin at the same path under docs/fr/, and
//   the twins have the same headings, code, imports, includes, diagrams and
//   boxes, in the same order;
// - every `<<< file#region` points at a file that exists and a region that
//   exists, opened and closed with its name (VitePress 1.6 would silently show
//   the whole file instead);
// - every `<!--@include: ...-->` points at a file that exists;
// - the site's map (docs/.vitepress/navigation.ts) lists every page, and only
//   pages that exist in both languages;
// - each step page is titled as the course list says, and includes its own
//   exercise, hint and solution in its own language;
// - the French is typeset the French way: no-break space before : ; ! ? and
//   inside « », typographic apostrophes, explicit titles on ::: boxes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allPages } from '../docs/.vitepress/navigation.ts';
import { regionProblem } from '../docs/.vitepress/regions.ts';
import { steps as courseSteps } from '../course/index.ts';

/** The steps of steps/, each with its page in docs/steps/ (final/ has pages of its own). */
const steps = courseSteps.filter((step) => step.dir.startsWith('steps/'));

const ROOT = path.resolve(import.meta.dirname, '..');
const DOCS = path.join(ROOT, 'docs');
const FR = path.join(DOCS, 'fr');

/** Every .md file under `dir`, as paths relative to `dir`, skipping `skip`. */
function markdownFiles(dir: string, skip: string[] = []): string[] {
  const found: string[] = [];
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (skip.includes(rel) || entry.name.startsWith('.') || entry.name === 'public') continue;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.md')) found.push(rel);
    }
  };
  walk('');
  return found.sort();
}

interface Import {
  file: string;
  region: string | undefined;
}

interface Page {
  file: string;
  /** "## The idea" → "2 The idea". */
  headings: { level: number; text: string }[];
  imports: Import[];
  /** Absolute paths of included files. */
  includes: string[];
  /** Vue components used as tags: SocketDiagram, StepChecks... */
  components: string[];
  /** ::: boxes: kind and title ("details Hint"), in order. */
  containers: { kind: string; title: string }[];
  /** Fenced code blocks: language and body (titles in [brackets] may be translated). */
  code: string[];
  /** The lines outside code blocks, for the typography checks. */
  prose: { line: number; text: string; frontmatter: boolean }[];
}

/** Resolve a path written in a page: `@/x` is docs/x, anything else is relative to the page. */
function resolveFrom(page: string, target: string): string {
  return target.startsWith('@/') ? path.join(DOCS, target.slice(2)) : path.resolve(path.dirname(page), target);
}

function parsePage(file: string): Page {
  const page: Page = { file, headings: [], imports: [], includes: [], components: [], containers: [], code: [], prose: [] };
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  let fence: { marker: string; info: string; body: string[] } | null = null;
  let frontmatter = lines[0] === '---';
  lines.forEach((line, index) => {
    if (frontmatter) {
      if (index > 0 && line === '---') frontmatter = false;
      else page.prose.push({ line: index + 1, text: line, frontmatter: true });
      return;
    }
    if (fence) {
      if (line.trim().startsWith(fence.marker) && line.trim().replace(/`+|~+/, '') === '') {
        page.code.push(`${fence.info}\n${fence.body.join('\n')}`);
        fence = null;
      } else {
        fence.body.push(line);
      }
      return;
    }
    const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)(.*)$/.exec(line);
    if (open) {
      fence = { marker: open[1] ?? '```', info: open[2] ?? '', body: [] };
      // The [title] of a code block is prose: it is translated and typeset.
      const title = /\[(.*)\]/.exec(open[3] ?? '');
      if (title?.[1]) page.prose.push({ line: index + 1, text: title[1], frontmatter: false });
      return;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) page.headings.push({ level: heading[1]?.length ?? 0, text: heading[2] ?? '' });
    const snippet = /^<<<\s+(\S+)/.exec(line);
    if (snippet?.[1]) {
      const [target = '', region] = snippet[1]
        .replace(/\{.*\}$/, '')
        .replace(/\[.*\]$/, '')
        .split('#');
      page.imports.push({ file: resolveFrom(file, target), region });
      return;
    }
    for (const include of line.matchAll(/<!--\s*@include:\s*(.*?)\s*-->/g)) {
      page.includes.push(resolveFrom(file, include[1] ?? ''));
    }
    for (const component of line.matchAll(/<([A-Z][A-Za-z]+)[\s/>]/g)) page.components.push(component[1] ?? '');
    const container = /^:::\s*([\w-]+)\s*(.*)$/.exec(line);
    if (container) page.containers.push({ kind: container[1] ?? '', title: container[2] ?? '' });
    page.prose.push({ line: index + 1, text: line, frontmatter: false });
  });
  return page;
}

/** Code imports in a page and in the files it includes (a solution imports regions too). */
function allImports(page: Page): Import[] {
  const imports = [...page.imports];
  for (const include of page.includes) {
    if (fs.existsSync(include) && include.endsWith('.md')) imports.push(...allImports(parsePage(include)));
  }
  return imports;
}

const english = markdownFiles(DOCS, ['fr']);
/** Pages allowed to lack shared anchors for a while (run docs/.vitepress/anchors.ts on them): none today. */
const ANCHORS_PENDING: string[] = [];
const french = markdownFiles(FR);
const rel = (file: string) => path.relative(ROOT, file);

describe('docs: English and French twins', () => {
  it('every English page has a French twin at the same path, and the other way round', () => {
    expect(english.length).toBeGreaterThan(0);
    expect(
      french.filter((file) => !english.includes(file)),
      'French pages with no English twin',
    ).toEqual([]);
    expect(
      english.filter((file) => !french.includes(file)),
      'English pages with no French twin in docs/fr/',
    ).toEqual([]);
  });

  for (const file of english.filter((name) => french.includes(name))) {
    it(`${file}: the twins have the same structure and the same code`, () => {
      const en = parsePage(path.join(DOCS, file));
      const fr = parsePage(path.join(FR, file));
      expect(
        fr.headings.map((h) => h.level),
        'heading levels, in order',
      ).toEqual(en.headings.map((h) => h.level));
      expect(fr.imports, 'code imports (<<<), in order').toEqual(en.imports);
      expect(fr.code, 'code blocks, in order').toEqual(en.code);
      expect(fr.components, 'diagrams and components, in order').toEqual(en.components);
      expect(
        fr.containers.map((c) => c.kind),
        '::: boxes, in order',
      ).toEqual(en.containers.map((c) => c.kind));
      // The same explicit anchors, so that the language switch keeps the section (docs/.vitepress/anchors.ts sets them).
      if (!ANCHORS_PENDING.includes(file)) {
        const anchors = (page: Page) => page.headings.filter((h) => h.level >= 2).map((h) => /\{#([\w-]+)\}\s*$/.exec(h.text)?.[1] ?? `(none on "${h.text}")`);
        expect(
          anchors(en).filter((anchor) => anchor.startsWith('(none')),
          'English headings without {#anchor}: run npx tsx docs/.vitepress/anchors.ts',
        ).toEqual([]);
        expect(anchors(fr), 'the French headings carry the English anchors, in order').toEqual(anchors(en));
      }
      // The same included file, in the other language: exercise.en.md ↔ exercise.fr.md.
      expect(fr.includes, 'included files, in order').toEqual(en.includes.map((include) => include.replace(/\.en\.md$/, '.fr.md')));
    });
  }
});

describe('docs: code imports and includes', () => {
  const pages = [...english.map((file) => path.join(DOCS, file)), ...french.map((file) => path.join(FR, file))];

  it('every <<< import points at an existing file and an existing region', () => {
    const problems: string[] = [];
    let count = 0;
    for (const file of pages) {
      for (const { file: target, region } of allImports(parsePage(file))) {
        count++;
        if (!fs.existsSync(target)) problems.push(`${rel(file)}: ${rel(target)} does not exist`);
        else if (region) {
          const problem = regionProblem(target, region);
          if (problem) problems.push(`${rel(file)}: #${region}: ${problem.replace(ROOT + path.sep, '')}`);
        }
      }
    }
    expect(count).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('every code region in steps/ and docs/examples/ is closed with its own name', () => {
    const problems: string[] = [];
    const dirs = [...steps.map((step) => path.join(ROOT, step.dir)), path.join(DOCS, 'examples')];
    for (const dir of dirs) {
      for (const name of fs.readdirSync(dir).filter((entry) => entry.endsWith('.ts'))) {
        const file = path.join(dir, name);
        const lines = fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .map((line) => line.trim());
        const open: string[] = [];
        lines.forEach((line, index) => {
          const start = /^\/\/ #region (\S+)$/.exec(line);
          const end = /^\/\/ #endregion\s*(\S*)$/.exec(line);
          if (start?.[1]) open.push(start[1]);
          if (end) {
            const expected = open.pop();
            if (end[1] !== expected) problems.push(`${rel(file)}:${index + 1}: "${line}" should be "// #endregion ${expected ?? '(no open region)'}"`);
          }
        });
        for (const name of open) problems.push(`${rel(file)}: region ${name} is never closed`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every <!--@include--> points at an existing file', () => {
    const missing = pages.flatMap((file) =>
      parsePage(file)
        .includes.filter((include) => !fs.existsSync(include))
        .map((include) => `${rel(file)}: ${rel(include)}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('docs: the site map and the steps', () => {
  const pageFile = (link: string, base: string) => {
    const clean = link.replace(/^\//, '').replace(/#.*$/, '');
    return clean === '' || clean.endsWith('/') ? path.join(base, clean, 'index.md') : path.join(base, `${clean}.md`);
  };

  it('the navigation lists only pages that exist, in both languages', () => {
    const missing = allPages().flatMap((link) =>
      [pageFile(link, DOCS), pageFile(link, FR)].filter((file) => !fs.existsSync(file)).map((file) => `${link} → ${rel(file)}`),
    );
    expect(missing).toEqual([]);
  });

  it('the navigation lists every page', () => {
    const listed = new Set(allPages().map((link) => path.relative(DOCS, pageFile(link, DOCS))));
    expect(
      english.filter((file) => !listed.has(file)),
      'pages missing from docs/.vitepress/navigation.ts',
    ).toEqual([]);
  });

  for (const step of steps) {
    const name = path.basename(step.dir);
    it(`step ${step.id}: its pages carry the course's title and include its exercise, hint and solution`, () => {
      for (const lang of ['en', 'fr'] as const) {
        const file = path.join(lang === 'en' ? DOCS : FR, 'steps', `${name}.md`);
        expect(fs.existsSync(file), `${rel(file)} exists`).toBe(true);
        const page = parsePage(file);
        const title = page.headings.find((h) => h.level === 1)?.text.toLowerCase() ?? '';
        expect(title, `${rel(file)}: its title`).toContain(step.title[lang].toLowerCase());
        const course = path.join(ROOT, 'course', name);
        expect(page.includes, `${rel(file)}: the exercise's texts`).toEqual(
          ['exercise', 'hint', 'solution'].map((part) => path.join(course, `${part}.${lang}.md`)),
        );
        expect(
          page.imports.some((item) => item.file.startsWith(path.join(ROOT, step.dir))),
          `${rel(file)} imports its step's code`,
        ).toBe(true);
      }
    });
  }
});

describe('docs: French typography', () => {
  /** The text a reader sees on a line: no code, no tags, no link targets. */
  function visible(text: string): string {
    return text
      .replace(/`+[^`]*`+/g, 'x')
      .replace(/<[^>]*>/g, '')
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/https?:\/\/\S+/g, '');
  }
  const rules: { why: string; test: RegExp }[] = [
    { why: 'an ordinary space before : ; ! ? or » (use a no-break space, U+00A0 or U+202F)', test: /[ \t][:;!?»]/ },
    { why: 'no space before ; ! ? (French puts a narrow no-break space, U+202F)', test: /[\p{L}\p{N})\]*_»][;!?](?=\s|$)/u },
    { why: 'no space before : (French puts a no-break space, U+00A0)', test: /[\p{L}\p{N})\]*_»]:(?=\s|$)/u },
    { why: '« not followed by a no-break space', test: /«(?![\u00A0\u202F])/ },
    { why: '» not preceded by a no-break space', test: /(?<![\u00A0\u202F])»/ },
    { why: 'a straight apostrophe between letters (French uses ’)', test: /\p{L}'(\p{L}|[*_]+\p{L})/u },
  ];

  for (const file of french) {
    it(`fr/${file}`, () => {
      const problems: string[] = [];
      for (const { line, text, frontmatter } of parsePage(path.join(FR, file)).prose) {
        if (/^\s*(<<<|<!--)/.test(text) || /^\|?[\s|:-]+\|?$/.test(text)) continue;
        const container = /^:::\s*(tip|info|warning|danger|details)\s*$/.exec(text);
        if (container) problems.push(`line ${line}: "::: ${container[1]}" needs a French title, e.g. "::: tip Astuce"`);
        // In the front matter, only the values are French text.
        const shown = visible(frontmatter ? text.replace(/^\s*-?\s*[\w-]+:\s*/, '') : text.replace(/^:::\s*[\w-]*/, ''));
        for (const rule of rules) {
          if (rule.test.test(shown)) problems.push(`line ${line}: ${rule.why}: ${text.trim()}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
