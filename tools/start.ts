// An exercise's starting code: the files of its `from` folder, with TODO
// markers written in the student's language where the course says.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Todo } from '../course/types.ts';
import type { Step } from '../course/index.ts';
import { ROOT } from '../checker/target.ts';
import type { Lang } from '../checker/text.ts';
import { messages } from './messages.ts';
import { shown, textPath } from './course-files.ts';
import { REGION_MARK } from './markdown.ts';

export interface StartFile {
  name: string;
  content: string;
}

/** A marker whose line is not in the file (the reference changed) or is there twice. */
export class MarkerError extends Error {}

const CODE_FILE = /\.(ts|mts|js|mjs|py)$/;

/** Build every starting file of a step's exercise. */
export function buildStart(step: Step, lang: Lang): StartFile[] {
  if (!step.exercise) throw new Error(`step ${step.id} has no exercise`);
  const { from, todos, files } = step.exercise;
  const folder = path.join(ROOT, from);
  const names = readdirSync(folder).filter((name) => CODE_FILE.test(name) && statSync(path.join(folder, name)).isFile() && (!files || files.includes(name)));
  for (const todo of todos) {
    if (!names.includes(todo.file)) throw new MarkerError(`${step.id}: a TODO is for ${todo.file}, which is not in ${from}/`);
  }
  const t = messages(lang);
  const goal = shown(textPath(step, 'exercise', lang), ROOT);
  const header = [t.header(step.id, step.title[lang], step.challenge), t.headerFrom(from), t.headerCheck(goal)];
  return names.sort().map((name) => {
    const source = readFileSync(path.join(folder, name), 'utf8');
    const marked = markFile(
      source,
      todos.filter((todo) => todo.file === name),
      lang,
      commentFor(name),
      `${from}/${name}`,
    );
    return { name, content: `${header.map((line) => `${commentFor(name)} ${line}`).join('\n')}\n\n${marked}` };
  });
}

function commentFor(file: string): string {
  return file.endsWith('.py') ? '#' : '//';
}

/**
 * Insert each TODO before or after the one line it names, with that line's
 * indentation. Throws a MarkerError when the line is missing or not unique.
 */
export function markFile(source: string, todos: Todo[], lang: Lang, comment = '//', where = 'the file'): string {
  const lines = source.split('\n').filter((line) => !REGION_MARK.test(line));
  const inserts = new Map<number, string[]>(); // index in `lines` → marker lines to put before it
  for (const todo of todos) {
    const anchor = todo.before ?? todo.after;
    if (anchor === undefined || (todo.before !== undefined && todo.after !== undefined)) {
      throw new MarkerError(`a TODO for ${where} needs exactly one of before or after`);
    }
    const found = lines.flatMap((line, index) => (line.trim() === anchor.trim() ? [index] : []));
    if (found.length !== 1) {
      throw new MarkerError(
        `${where}: the TODO line ${JSON.stringify(anchor)} is ${found.length ? `there ${found.length} times` : 'not there'} (${todo.text.en})`,
      );
    }
    const index = found[0]!;
    const line = lines[index]!;
    // After an opening line ("... => {"), the code inside is one level deeper.
    const indent = /^\s*/.exec(line)![0] + (todo.after !== undefined && /[{([]$/.test(line.trimEnd()) ? '  ' : '');
    let at = todo.before !== undefined ? index : index + 1;
    // Before a line, also before the comment lines that explain it.
    while (todo.before !== undefined && at > 0 && lines[at - 1]!.startsWith(`${indent}${comment}`)) at--;
    const width = 80 - indent.length - comment.length - 7;
    const marker = wrap(`TODO: ${todo.text[lang]}`, width).map((part, i) => `${indent}${comment} ${i ? '      ' : ''}${part}`);
    inserts.set(at, [...(inserts.get(at) ?? []), ...marker]);
  }
  return lines
    .flatMap((line, index) => [...(inserts.get(index) ?? []), line])
    .concat(inserts.get(lines.length) ?? [])
    .join('\n');
}

/** Cut a text into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  return [...out, current];
}

/**
 * Write an exercise's starting files into `dir`, unless it exists: a student's
 * work is never overwritten. Returns whether it wrote them.
 */
export function writeStart(step: Step, lang: Lang, dir: string): boolean {
  if (existsSync(dir)) return false;
  mkdirSync(dir, { recursive: true });
  for (const file of buildStart(step, lang)) writeFileSync(path.join(dir, file.name), file.content);
  return true;
}
