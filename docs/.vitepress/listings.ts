// Code listings as the best programming books print them: every `<<< file#region`
// import is captioned with its file's path and the lines it shows, comes with
// the whole file one click away, and, on a step's page, highlights the lines
// that are new or changed since the previous step. The highlights are
// computed here, at build time, from the two steps' files: no line number is
// ever written by hand, so none can rot when a step changes.
import fs from 'node:fs';
import path from 'node:path';
import { steps } from '../../course/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The line VitePress 1.6 treats as a region marker in a TypeScript file (it hides them in a region). */
const MARKER = /^\/\/ ?#?((?:end)?region) ([\w*-]+)$/;

/** The lines that take part in a comparison: code and comments, not blank lines nor region markers. */
export function comparable(line: string): boolean {
  const text = line.trim();
  return text !== '' && !MARKER.test(text);
}

/**
 * The same file in the step before, or null: steps/03-nick-handshake/server.ts
 * → steps/02-broadcast/server.ts. Only steps/ has an order; the first step,
 * final/ and the examples have no predecessor.
 */
export function previousStepFile(file: string): string | null {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  const stepDirs = steps.map((step) => step.dir).filter((dir) => dir.startsWith('steps/'));
  const index = stepDirs.findIndex((dir) => rel.startsWith(`${dir}/`));
  const before = stepDirs[index - 1];
  if (index < 1 || !before) return null;
  const previous = path.join(ROOT, before, rel.slice(stepDirs[index]!.length + 1));
  return fs.existsSync(previous) ? previous : null;
}

/**
 * The 1-based numbers of the lines of `after` that are not in `before`: the
 * complement of a longest common subsequence of the two files' comparable
 * lines (trimmed, so that re-indenting a line does not count as changing it).
 * The files are about 100 lines, so the plain O(n·m) table is instant; a diff
 * library would only add a dependency.
 */
export function changedLines(before: string, after: string): Set<number> {
  const a = before
    .split(/\r?\n/)
    .filter(comparable)
    .map((line) => line.trim());
  const numbered = after.split(/\r?\n/).map((line, index) => ({ text: line.trim(), number: index + 1, keep: comparable(line) }));
  const b = numbered.filter((line) => line.keep);
  // common[i][j]: the length of the longest common subsequence of a[i..] and b[j..].
  const common = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i]![j] = a[i] === b[j]!.text ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const changed = new Set<number>();
  let i = 0;
  let j = 0;
  while (j < b.length) {
    if (i < a.length && a[i] === b[j]!.text) {
      i++;
      j++;
    } else if (i < a.length && common[i + 1]![j]! >= common[i]![j + 1]!) {
      i++;
    } else {
      changed.add(b[j]!.number);
      j++;
    }
  }
  return changed;
}

/**
 * The 1-based numbers, in the file, of the lines VitePress shows for `region`
 * (all of them when there is no region): from the line after `// #region x`
 * to the line before `// #endregion x`, without the markers of nested regions.
 */
export function regionLineNumbers(source: string, region: string | undefined): number[] {
  const lines = source.split(/\r?\n/);
  if (!region) return lines.map((_, index) => index + 1);
  const start = lines.findIndex((line) => line.trim() === `// #region ${region}`);
  const end = lines.findIndex((line, index) => index > start && line.trim() === `// #endregion ${region}`);
  if (start === -1 || end === -1) return [];
  const numbers: number[] = [];
  for (let index = start + 1; index < end; index++) if (!MARKER.test(lines[index]!.trim())) numbers.push(index + 1);
  return numbers;
}

/** VitePress's `{1,3-4}`: the positions (1-based, in the block) to highlight, as ranges. */
export function highlightSpec(positions: number[]): string {
  const ranges: string[] = [];
  for (let k = 0; k < positions.length; k++) {
    const first = positions[k]!;
    while (positions[k + 1] === positions[k]! + 1) k++;
    ranges.push(first === positions[k] ? `${first}` : `${first}-${positions[k]}`);
  }
  return ranges.join(',');
}

/** What one import shows: where it comes from, and which of its lines are new since the step before. */
export interface Listing {
  /** Repository-relative path, with forward slashes: steps/02-broadcast/server.ts. */
  rel: string;
  /** First and last line of the file shown, 1-based. */
  first: number;
  last: number;
  /** Total lines in the file. */
  total: number;
  /** Positions in the block to highlight, 1-based. */
  highlight: number[];
  /** Positions in the whole file to highlight, 1-based. */
  highlightWhole: number[];
  /** The previous step's folder, when there is one: "steps/01-socket". */
  previous: string | null;
}

export function listing(file: string, region: string | undefined): Listing {
  const source = fs.readFileSync(file, 'utf8');
  const shown = regionLineNumbers(source, region);
  const previous = previousStepFile(file);
  const changed = previous ? changedLines(fs.readFileSync(previous, 'utf8'), source) : new Set<number>();
  const total = source.replace(/\n$/, '').split(/\r?\n/).length;
  return {
    rel: path.relative(ROOT, file).split(path.sep).join('/'),
    first: shown[0] ?? 1,
    last: shown.at(-1) ?? total,
    total,
    highlight: shown.flatMap((number, position) => (changed.has(number) ? [position + 1] : [])),
    highlightWhole: [...changed].sort((x, y) => x - y),
    previous: previous ? path.relative(ROOT, path.dirname(previous)).split(path.sep).join('/') : null,
  };
}
