import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Inbox } from './inbox.ts';
import { CheckFailure } from './failure.ts';

/** How to start a program: an argument vector, or a shell command line. */
export type Command = { argv: string[]; cwd?: string } | { shell: string; cwd?: string };

export function describeCommand(command: Command): string {
  return 'shell' in command ? command.shell : command.argv.join(' ');
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** How long output is still read after a program exits, for what its children write. */
const PIPE_GRACE_MS = 500;
const running = new Set<ChildProcess>();
const programs = new Set<Program>();
// If the test process dies, take every program it started down with it.
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

/** Stop every program still running and wait until each has exited (Ctrl+C in verify). */
export async function stopAll(): Promise<void> {
  await Promise.all([...programs].map((program) => program.stop()));
}

const windows = process.platform === 'win32';

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  if (windows && signal !== 'SIGINT') {
    // No process groups on Windows: taskkill /T ends the program and what it started.
    spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-child.pid, signal); // the whole group: a shell and what it started
  } catch {
    child.kill(signal);
  }
}

/** A program under test, with its output (stdout and stderr together) in an inbox. */
export class Program {
  readonly output: Inbox;
  readonly exited: Promise<Exit>;
  #child: ChildProcess;
  #exit: Exit | null = null;

  constructor(
    readonly command: Command,
    env: NodeJS.ProcessEnv,
    who: string,
  ) {
    this.output = new Inbox(who, 'output');
    const options = {
      cwd: command.cwd ?? process.cwd(),
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: 'pipe' as const,
      detached: !windows, // its own process group, so that stop() reaches its children (Windows: taskkill /T)
      windowsHide: true,
    };
    // A command line goes to sh, or to cmd.exe on Windows (Node's shell: true).
    const [file, ...args] = 'shell' in command ? (windows ? [command.shell] : ['sh', '-c', command.shell]) : command.argv;
    this.#child = spawn(file ?? 'false', args, { ...options, shell: windows && 'shell' in command });
    running.add(this.#child);
    programs.add(this);
    this.#child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk));
    this.#child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk));
    this.#child.stdin?.on('error', () => {}); // writing to a program that already quit
    // A program it started in a session of its own (setsid, a daemon) can keep
    // the pipes open after it exits: read what is left, then stop waiting.
    this.#child.once('exit', () => {
      setTimeout(() => {
        this.#child.stdout?.destroy();
        this.#child.stderr?.destroy();
      }, PIPE_GRACE_MS).unref();
    });
    this.exited = new Promise((resolve) => {
      this.#child.once('error', () => {
        running.delete(this.#child);
        programs.delete(this);
        this.#exit = { code: 127, signal: null };
        resolve(this.#exit);
      });
      this.#child.once('close', (code, signal) => {
        running.delete(this.#child);
        programs.delete(this);
        this.#exit = { code, signal };
        this.output.close();
        resolve(this.#exit);
      });
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Exit status, or null while it runs. */
  get exit(): Exit | null {
    return this.#exit;
  }

  /** Type a line on the program's keyboard. */
  writeLine(line: string): void {
    const bytes = Buffer.from(`${line}\n`);
    this.output.record(bytes);
    this.#child.stdin?.write(bytes);
  }

  /** Close the program's keyboard, as Ctrl+D does. */
  endInput(): void {
    this.#child.stdin?.end();
  }

  /** Send a signal to the program's whole group, as Ctrl+C in a terminal does. */
  signal(signal: NodeJS.Signals): void {
    killGroup(this.#child, signal);
  }

  /** The last lines the program printed, for failure reports. */
  lastLines(count = 10): string {
    return this.output.all.toString().trimEnd().split('\n').slice(-count).join('\n');
  }

  /** Wait for the program to exit by itself; fail if it is still running after `timeoutMs`. */
  async waitExit(timeoutMs = 5000): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new CheckFailure(
              { en: `${this.output.who} did not exit within ${timeoutMs / 1000} s`, fr: `${this.output.who} ne s’est pas arrêté en ${timeoutMs / 1000} s` },
              { output: this.lastLines() },
            ),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stop the program and everything it started. */
  async stop(): Promise<void> {
    if (this.#exit) return;
    killGroup(this.#child, 'SIGKILL');
    await this.exited;
  }
}
