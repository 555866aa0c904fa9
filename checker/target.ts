import { spawnSync } from 'node:child_process';
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

let python: string[] | null | undefined;
/**
 * How to start Python 3 here, or null: `python3` (Linux, macOS), else
 * `python` if it is Python 3, else Windows's launcher `py -3`.
 */
export function pythonCommand(): string[] | null {
  if (python === undefined) {
    const candidates = [['python3'], ['python'], ...(process.platform === 'win32' ? [['py', '-3']] : [])];
    python = candidates.find(([file, ...args]) => /^Python 3/.test(spawnSync(file!, [...args, '--version'], { encoding: 'utf8' }).stdout ?? '')) ?? null;
  }
  return python;
}

/**
 * How to run a file, by its extension: TypeScript with tsx, JavaScript with
 * node, Python 3 unbuffered, so its prints arrive at once (python3 where no
 * Python is found, for a clear "not found"). Anything else is a command
 * line, run by the shell.
 */
export function commandFor(fileOrCommand: string, cwd = process.cwd()): Command {
  const file = path.resolve(cwd, fileOrCommand);
  if (/\.(ts|mts)$/.test(fileOrCommand)) return { argv: [process.execPath, '--import', 'tsx', file], cwd: ROOT };
  if (/\.(js|mjs|cjs)$/.test(fileOrCommand)) return { argv: [process.execPath, file], cwd: ROOT };
  if (fileOrCommand.endsWith('.py')) return { argv: [...(pythonCommand() ?? ['python3']), '-u', file], cwd: ROOT };
  return { shell: fileOrCommand, cwd };
}

/** A path as the student should type it: relative to where they are, when inside it. */
export function shown(file: string, from = process.env.INIT_CWD ?? process.cwd()): string {
  const relative = path.relative(from, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** A word for a POSIX shell, or PowerShell on Windows: quoted when it holds anything but plain characters. */
function quoteFor(powershell: boolean): (word: string) => string {
  const plain = powershell ? /^[\w./\\:-]+$/ : /^[\w./@%+=:,-]+$/;
  return (word) => (plain.test(word) ? word : powershell ? `'${word.replace(/'/g, "''")}'` : `'${word.replace(/'/g, `'\\''`)}'`);
}

/**
 * The command a student can paste, from where they are, to run a program
 * by hand as the checks do: its real path and its real runtime. On Windows,
 * in PowerShell's words (the terminal of Windows and of VS Code there).
 */
export function debugCommand(command: Command, port = 55555, from = process.env.INIT_CWD ?? process.cwd(), platform = process.platform): string {
  const powershell = platform === 'win32';
  const shellWord = quoteFor(powershell);
  const env = powershell ? `$env:PORT=${port};` : `PORT=${port}`;
  // PowerShell runs a quoted program name only after its call operator, &.
  const run = (words: string[]) => `${env} ${powershell && words[0] !== shellWord(words[0]!) ? '& ' : ''}${words.map(shellWord).join(' ')}`;
  if ('shell' in command) return `${env} ${command.shell}`;
  const file = command.argv[command.argv.length - 1] ?? '';
  const where = shellWord(shown(file, from));
  if (command.argv.includes('tsx')) {
    // npx finds the course's tsx from anywhere inside the repository.
    const inside = !path.relative(ROOT, from).startsWith('..');
    return inside ? `${env} npx tsx ${where}` : run([path.join(ROOT, 'node_modules', '.bin', powershell ? 'tsx.cmd' : 'tsx'), shown(file, from)]);
  }
  // python3, python or py -3, as found (pythonCommand), without the -u the checks add.
  if (file.endsWith('.py')) return run([...command.argv.slice(0, -1).filter((word) => word !== '-u'), shown(file, from)]);
  if (command.argv[0] === process.execPath) return `${env} node ${where}`;
  return run(command.argv);
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
