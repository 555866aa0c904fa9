// Where a step's files are: its course texts, its exercise work folder.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { steps, type Step } from '../course/index.ts';
import { variations } from '../course/variations.ts';
import { ROOT } from '../checker/target.ts';
import type { Lang } from '../checker/text.ts';

export type TextKind = 'exercise' | 'hint' | 'solution';
export const TEXT_KINDS: TextKind[] = ['exercise', 'hint', 'solution'];

/** The step's folder name, "02-broadcast": it also names its course/ and exercises/ folders. */
export function stepName(step: Step): string {
  return step.name ?? path.basename(step.dir);
}

/** A step by what a student types: its id ("02", or "2"), its folder name ("02-broadcast"), or a variation's id ("02b"). */
export function stepByName(name: string): Step | undefined {
  const id = /^\d$/.test(name) ? `0${name}` : name;
  return steps.find((step) => step.id === id || stepName(step) === name) ?? variations.find((step) => step.id === id);
}

/** The step after this one, if any. */
export function nextStep(step: Step): Step | undefined {
  const index = steps.indexOf(step);
  return index === -1 ? undefined : steps[index + 1]; // a variation ("02b") has no next
}

export function courseDir(step: Step): string {
  return path.join(ROOT, 'course', stepName(step));
}

/** course/02-broadcast/hint.fr.md: shared with the docs, which include it. */
export function textPath(step: Step, kind: TextKind, lang: Lang): string {
  return path.join(courseDir(step), `${kind}.${lang}.md`);
}

export function readText(step: Step, kind: TextKind, lang: Lang): string | undefined {
  const file = textPath(step, kind, lang);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The student's folder for a step's exercise: exercises/02-broadcast (git-ignored). */
export function workDir(step: Step): string {
  return path.join(ROOT, 'exercises', stepName(step));
}

export { shown } from '../checker/target.ts';
