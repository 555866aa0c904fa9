// The repository's structure, as the README describes it: the layers depend
// downwards only (checker ← course ← tools, docs, bench ← tests), and final/
// has no import cycle, so that each module can be read, and replaced, alone.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Every .ts file under `dir` (relative to the root), but node_modules and build output. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist', 'cache', 'fixtures'].includes(entry.name)) out.push(...sources(rel));
    } else if (/\.(ts|vue)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** The files a source imports (static, dynamic and type-only), relative to the root. */
function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/(?:^|\s)(?:import|export)[^'"`;]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/gm)];
  return specs.map((m) => path.normalize(path.join(path.dirname(file), (m[1] ?? m[2])!)));
}

describe('layout', () => {
  it('nothing outside tests/ imports from tests/', () => {
    const offenders = ['final', 'steps', 'checker', 'course', 'tools', 'bench', 'docs/.vitepress'].flatMap(sources).flatMap((file) =>
      imports(file)
        .filter((target) => target.startsWith(`tests${path.sep}`))
        .map((target) => `${file} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('checker/ depends on nothing of the course above it', () => {
    const offenders = sources('checker').flatMap((file) =>
      imports(file)
        .filter((target) => !target.startsWith(`checker${path.sep}`))
        .map((target) => `${file} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('final/ has no import cycle, type imports included', () => {
    const files = sources('final');
    const graph = new Map(files.map((file) => [file, imports(file).filter((target) => files.includes(target))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('the import scanner sees static, type-only and dynamic imports (so the checks above can fail)', () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'tests', '.layout-'));
    try {
      const rel = path.relative(ROOT, path.join(dir, 'a.ts'));
      fs.writeFileSync(path.join(ROOT, rel), "import x from './b.ts';\nimport type { Y } from '../c.ts';\nconst z = await import('./d.ts');\n");
      const base = path.dirname(rel);
      expect(imports(rel)).toEqual([path.join(base, 'b.ts'), path.normalize(path.join(base, '../c.ts')), path.join(base, 'd.ts')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
