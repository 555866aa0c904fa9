// The other start of an exercise: the student's own work on the previous one
// (`npm run exercise -- 06 --mine`), with this exercise's TODO markers where
// their lines are found, and the others listed at the top of the file.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../checker/target.ts';
import type { Lang, Text } from '../checker/text.ts';
import type { Step } from '../course/index.ts';
import { shown, textPath, workDir } from './course-files.ts';
import { messages } from './messages.ts';
import { MarkerError, markFile, type StartFile } from './start.ts';

const CODE_FILE = /\.(ts|mts|js|mjs|py)$/;

const said = {
  en: {
    headerFrom: (dir: string) => `This is your own work, copied from ${dir}/: each TODO marks a place to change.`,
    elsewhere: 'These TODOs had no line to stand on in your code: do them where they fit.',
  },
  fr: {
    headerFrom: (dir: string) => `Voici votre propre travail, copié de ${dir}/ : chaque TODO marque un endroit à modifier.`,
    elsewhere: 'Ces TODO n’ont pas trouvé leur ligne dans votre code : faites-les là où ils vont.',
  },
};

/** A mistake in `--mine`: said in the student's language. */
export class OwnStartError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

/**
 * The starting files of `step` made from `previous`'s work folder: its code
 * files, for those the exercise marks (server.ts for a challenge), or all.
 */
export function buildOwnStart(step: Step, previous: Step, lang: Lang, fromDir = workDir(previous)): StartFile[] {
  if (!step.exercise) throw new Error(`step ${step.id} has no exercise`);
  if (!existsSync(fromDir)) {
    throw new OwnStartError({
      en: `There is no ${shown(fromDir)}/ to start from: do exercise ${previous.id} first (npm run exercise -- ${previous.id}), or start from the reference, without --mine.`,
      fr: `Il n’y a pas de ${shown(fromDir)}/ d’où partir : faites d’abord l’exercice ${previous.id} (npm run exercise -- ${previous.id}), ou partez de la référence, sans --mine.`,
    });
  }
  const wanted = step.exercise.files;
  const names = readdirSync(fromDir).filter((name) => CODE_FILE.test(name) && statSync(path.join(fromDir, name)).isFile());
  // The student's server may be server.py: a TODO for server.ts goes to any server.*.
  const ownFile = (file: string) => names.find((name) => name.replace(/\.\w+$/, '') === file.replace(/\.\w+$/, ''));
  const picked = names.filter((name) => !wanted || wanted.some((file) => ownFile(file) === name));
  if (picked.length === 0) {
    throw new OwnStartError({
      en: `${shown(fromDir)}/ has no ${wanted?.join(' or ') ?? 'code file'}.`,
      fr: `${shown(fromDir)}/ n’a pas de ${wanted?.join(' ni de ') ?? 'fichier de code'}.`,
    });
  }
  const t = messages(lang);
  const goal = shown(textPath(step, 'exercise', lang), ROOT);
  return picked.sort().map((name) => {
    const comment = name.endsWith('.py') ? '#' : '//';
    const source = withoutMarkers(readFileSync(path.join(fromDir, name), 'utf8'), comment);
    const todos = step.exercise!.todos.filter((todo) => ownFile(todo.file) === name);
    // Each TODO alone first, to know which find their line; then all of those at once.
    const placed = todos.filter((todo) => {
      try {
        markFile(source, [todo], lang, comment, name);
        return true;
      } catch (error) {
        if (!(error instanceof MarkerError)) throw error;
        return false;
      }
    });
    const content = markFile(source, placed, lang, comment, name);
    const homeless = todos.filter((todo) => !placed.includes(todo)).map((todo) => `${comment} TODO: ${todo.text[lang]}`);
    const header = [t.header(step.id, step.title[lang], step.challenge), said[lang].headerFrom(shown(fromDir)), t.headerCheck(goal)].map(
      (line) => `${comment} ${line}`,
    );
    if (homeless.length > 0) header.push(`${comment} ${said[lang].elsewhere}`, ...homeless);
    return { name, content: `${header.join('\n')}\n\n${content.replace(/^\n+/, '')}` };
  });
}

/**
 * The code without what the previous exercise's start added: its header (the
 * first comment lines, up to the first blank line) and its TODO comments,
 * continuation lines included.
 */
function withoutMarkers(source: string, comment: string): string {
  let lines = source.split('\n');
  if (/^(Exercise|Exercice) \w+ ?:/.test(lines[0]?.slice(comment.length + 1) ?? '')) lines = lines.slice(lines.indexOf('') + 1);
  let inTodo = false;
  return lines
    .filter((line) => {
      const text = line.trim();
      inTodo = text.startsWith(`${comment} TODO: `) || (inTodo && text.startsWith(`${comment}       `));
      return !inTodo;
    })
    .join('\n');
}

/** Write them into `dir`, unless it exists (a student's work is never overwritten). */
export function writeOwnStart(step: Step, previous: Step, lang: Lang, dir: string): boolean {
  const files = buildOwnStart(step, previous, lang);
  if (existsSync(dir)) return false;
  mkdirSync(dir, { recursive: true });
  for (const file of files) writeFileSync(path.join(dir, file.name), file.content);
  return true;
}
