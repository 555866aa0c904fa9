// A program of the course with one line changed: a student's mistake, planted
// in the real file at test time rather than kept as a copy that drifts from it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../checker/target.ts';

export interface Mistake {
  /** A name for it (the folder it is written to). */
  name: string;
  /** The mistake, as a student would make it (it goes in a comment on the line). */
  why: string;
  /** A line of the file (it must be there once, spaces around it aside), and what it becomes ('' removes it). */
  find: string;
  replace: string;
}

/** `file` (from the repository's root) with `mistake` made in it. */
export function mutate(file: string, mistake: Mistake): string {
  const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const at = lines.flatMap((line, index) => (line.trim() === mistake.find ? [index] : []));
  if (at.length !== 1) throw new Error(`${mistake.name}: the line to change is in ${file} ${at.length} times: ${mistake.find}`);
  const indent = /^\s*/.exec(lines[at[0]!]!)![0];
  lines[at[0]!] = mistake.replace ? `${indent}${mistake.replace} // BROKEN: ${mistake.why}` : `${indent}// BROKEN: ${mistake.why}`;
  return lines.join('\n');
}
