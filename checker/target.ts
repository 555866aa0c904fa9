import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from './program.ts';

/** The repository's root folder. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What a step's checks run: the server, and the client where the step has one. */
export interface Target {
  server?: Command;
  client?: Command;
}

/**
 * How to run a file, by its extension: TypeScript with tsx, JavaScript with
 * node, Python with python3 (unbuffered, so its prints arrive at once).
 * Anything else is a command line, run by the shell.
 */
export function commandFor(fileOrCommand: string, cwd = process.cwd()): Command {
  const file = path.resolve(cwd, fileOrCommand);
  if (/\.(ts|mts)$/.test(fileOrCommand)) return { argv: [process.execPath, '--import', 'tsx', file], cwd: ROOT };
  if (/\.(js|mjs|cjs)$/.test(fileOrCommand)) return { argv: [process.execPath, file], cwd: ROOT };
  if (fileOrCommand.endsWith('.py')) return { argv: ['python3', '-u', file], cwd: ROOT };
  return { shell: fileOrCommand, cwd };
}

/** Set by the test suite's global setup (prebuild.ts) to where it compiled the reference programs. */
export const PREBUILT_ENV = 'CHATROOM_PREBUILT_DIR';

/**
 * The repository's own implementation of a step folder: its server.ts and
 * client.ts, run with tsx, or their compiled copies during the test suite.
 */
export function referenceTarget(dir: string): Target {
  const prebuilt = process.env[PREBUILT_ENV];
  const run = (file: string): Command =>
    prebuilt ? { argv: [process.execPath, path.join(prebuilt, dir, file.replace(/\.ts$/, '.mjs'))], cwd: ROOT } : commandFor(path.join(ROOT, dir, file));
  return { server: run('server.ts'), client: run('client.ts') };
}
