// What to check: from what the student typed to the programs the checks start.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Step } from '../course/index.ts';
import { ROOT, commandFor, type Target } from '../checker/target.ts';
import type { Text } from '../checker/text.ts';
import { messages } from './messages.ts';
import { shown, workDir } from './course-files.ts';

/** The extensions a program in a folder may have, in order of preference. */
const EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.py'];

/** A mistake in what the student typed: said in their language, no stack trace. */
export class UsageError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

export interface Resolved {
  target: Target;
  /** How the report names the server and the client: a path, or a command line. */
  server?: string;
  client?: string;
  /** Why a side is not checked, when it is missing from a folder. */
  missing: Text[];
  /** Files and folders to watch for changes (none for a command line). */
  watch: string[];
  /** Is this the student's work, whose result goes into their progress? */
  record: boolean;
  /** The program files (not command lines), to type-check the TypeScript ones. */
  files: string[];
}

/** `file` is inside `folder`, or is it. */
function inside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Reference code and test fixtures are not the student's work. */
function isStudentWork(file: string): boolean {
  return !inside(file, ROOT) || inside(file, path.join(ROOT, 'exercises'));
}

/** server.ts, server.js, server.py... in a folder. */
function findProgram(folder: string, name: 'server' | 'client'): string | undefined {
  return EXTENSIONS.map((ext) => path.join(folder, name + ext)).find((file) => existsSync(file));
}

const both = (f: (t: ReturnType<typeof messages>) => string): Text => ({ en: f(messages('en')), fr: f(messages('fr')) });

/**
 * `words`: what followed the step on the command line: nothing (the exercise
 * folder), a folder, a file (the server), or a command line (the server).
 * `client`: the --client option. Relative paths are from `base`.
 */
export function resolveTarget(step: Step, words: string[], client: string | undefined, base: string): Resolved {
  const resolved: Resolved = { target: {}, missing: [], watch: [], record: true, files: [] };
  const given = words.join(' ');
  const asPath = words.length === 1 ? path.resolve(base, given) : undefined;
  if (words.length === 0 || (asPath && existsSync(asPath) && statSync(asPath).isDirectory())) {
    const folder = asPath ?? workDir(step);
    if (!existsSync(folder)) throw new UsageError(both((t) => t.noWorkDir(shown(folder), step.id)));
    const server = findProgram(folder, 'server');
    const clientFile = client ? undefined : findProgram(folder, 'client');
    if (!server && !clientFile && !client) throw new UsageError(both((t) => t.nothingInFolder(shown(folder))));
    if (server) setSide(resolved, 'server', server);
    else resolved.missing.push(both((t) => t.noServerFile(shown(folder))));
    if (clientFile) setSide(resolved, 'client', clientFile);
    else if (!client && step.checks.some((check) => check.needs.includes('client'))) resolved.missing.push(both((t) => t.noClientFile(shown(folder))));
    resolved.watch.push(folder);
  } else {
    setProgram(resolved, 'server', given, base);
    if (!client && step.checks.some((check) => check.needs.includes('client'))) resolved.missing.push(both((t) => t.onlyServer));
  }
  if (client) setProgram(resolved, 'client', client, base);
  return resolved;
}

/** A file, or else a command line run by the shell. */
function setProgram(resolved: Resolved, side: 'server' | 'client', given: string, base: string): void {
  const file = path.resolve(base, given);
  if (existsSync(file) && statSync(file).isFile()) {
    setSide(resolved, side, file);
    resolved.watch.push(file);
  } else if (!/\s/.test(given) && (EXTENSIONS.some((ext) => given.endsWith(ext)) || /[/\\]/.test(given))) {
    // One word that looks like a path, not a command: a typo in a path.
    throw new UsageError(both((t) => t.noSuchFile(given)));
  } else {
    resolved.target[side] = { shell: given, cwd: base };
    resolved[side] = given;
  }
}

function setSide(resolved: Resolved, side: 'server' | 'client', file: string): void {
  resolved.target[side] = commandFor(file);
  resolved[side] = shown(file);
  resolved.files.push(file);
  resolved.record &&= isStudentWork(file);
}
