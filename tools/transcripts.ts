// `npm run docs:transcripts`: the runs shown on the course site, made by
// running the programs for real, as a user would in several terminals, and
// stored as data (docs/transcripts/<name>.json) that <Transcript name="…" />
// renders in time order. tests/docs-transcripts.test.ts runs them again and
// fails when a stored run no longer matches what the programs print today.
//
// Each session is a script: start a program in a terminal, wait until it has
// printed something, type a line... Between two actions, each terminal's new
// output is recorded, terminal by terminal, so a run reads in the order it
// happened and comes out the same on every machine. Ports are normalised (the
// server's becomes the documented 55555, the clients' 50001, 50002…), and no
// path of the recording machine is stored.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../checker/network.ts';
import { Program } from '../checker/program.ts';
import { ROOT, referenceTarget } from '../checker/target.ts';
import type { Text } from '../checker/text.ts';

export const TRANSCRIPTS = path.join(ROOT, 'docs/transcripts');

export interface Terminal {
  id: string;
  label: Text;
}

export interface TranscriptEvent {
  terminal: string;
  /** What the user typed (a command, a line, Ctrl+D, Ctrl+C), or what a program printed. */
  kind: 'command' | 'input' | 'output';
  text: string;
  /** Output with no newline yet, such as a prompt: what is typed next goes on the same line. */
  partial?: true;
}

export interface Transcript {
  name: string;
  terminals: Terminal[];
  events: TranscriptEvent[];
}

/** What a session's script can do, as a user at the keyboard. */
export interface Runner {
  /** Start `file` of a step (server.ts or client.ts) in a terminal, as `npx tsx <path>`. */
  start(terminal: string, dir: string, file: 'server.ts' | 'client.ts'): void;
  /** Wait until the terminal's program has printed `text` (since the last wait). */
  waitFor(terminal: string, text: string | RegExp): Promise<void>;
  /** Type a line and press Enter. */
  type(terminal: string, line: string): void;
  /** Press Ctrl+D: the end of the keyboard's input. */
  endInput(terminal: string): void;
  /** Press Ctrl+C. */
  interrupt(terminal: string): void;
  /** Wait until the terminal's program has exited. */
  waitExit(terminal: string): Promise<void>;
}

export interface Session {
  name: string;
  terminals: Terminal[];
  script(run: Runner): Promise<void>;
}

const terminal = (n: number, who: Text): Terminal => ({
  id: `t${n}`,
  label: { en: `Terminal ${n}: ${who.en}`, fr: `Terminal ${n}\u00a0: ${who.fr}` },
});
const server = { en: 'server', fr: 'serveur' };
const client = { en: 'client', fr: 'client' };

/** The sessions the site shows, by the name a page gives <Transcript name="…" />. */
export const sessions: Session[] = [
  {
    name: 'step-01-run',
    terminals: [terminal(1, server), terminal(2, client), terminal(3, client)],
    async script(run) {
      run.start('t1', 'steps/01-socket', 'server.ts');
      await run.waitFor('t1', 'Server listening');
      run.start('t2', 'steps/01-socket', 'client.ts');
      await run.waitFor('t2', 'Connected to the server');
      await run.waitFor('t1', 'Connected with');
      run.start('t3', 'steps/01-socket', 'client.ts');
      await run.waitFor('t3', 'Connected to the server');
      await run.waitFor('t1', 'Connected with');
      run.interrupt('t1');
      await Promise.all(['t1', 't2', 't3'].map((id) => run.waitExit(id)));
    },
  },
  {
    name: 'step-02-run',
    terminals: [terminal(1, server), terminal(2, client), terminal(3, client)],
    async script(run) {
      run.start('t1', 'steps/02-broadcast', 'server.ts');
      await run.waitFor('t1', 'Server listening');
      for (const id of ['t2', 't3']) {
        run.start(id, 'steps/02-broadcast', 'client.ts');
        await run.waitFor(id, 'Connected to the server');
        await run.waitFor('t1', 'Connected with');
      }
      run.type('t2', 'hello, is anybody there?');
      await Promise.all(['t2', 't3'].map((id) => run.waitFor(id, 'anybody there?')));
      run.type('t3', 'yes, I am here');
      await Promise.all(['t2', 't3'].map((id) => run.waitFor(id, 'I am here')));
    },
  },
  {
    name: 'step-03-run',
    terminals: [terminal(1, server), terminal(2, { en: 'alice', fr: 'alice' }), terminal(3, { en: 'bob', fr: 'bob' })],
    async script(run) {
      run.start('t1', 'steps/03-nick-handshake', 'server.ts');
      await run.waitFor('t1', 'Server listening');
      for (const [id, nick] of [
        ['t2', 'alice'],
        ['t3', 'bob'],
      ] as const) {
        run.start(id, 'steps/03-nick-handshake', 'client.ts');
        await run.waitFor(id, /nickname/i);
        run.type(id, nick);
        await run.waitFor(id, 'Connected to the server');
        await run.waitFor('t1', `Nickname is ${nick}`);
        if (id === 't3') await run.waitFor('t2', 'bob has joined');
      }
      run.type('t2', 'hi bob');
      await Promise.all(['t2', 't3'].map((id) => run.waitFor(id, 'alice: hi bob')));
      run.type('t3', 'hello alice');
      await Promise.all(['t2', 't3'].map((id) => run.waitFor(id, 'bob: hello alice')));
    },
  },
  {
    name: 'step-04-run',
    terminals: [terminal(1, server), terminal(2, { en: 'alice', fr: 'alice' }), terminal(3, { en: 'bob', fr: 'bob' })],
    async script(run) {
      run.start('t1', 'steps/04-threads-async', 'server.ts');
      await run.waitFor('t1', 'Server listening');
      for (const [id, nick] of [
        ['t2', 'alice'],
        ['t3', 'bob'],
      ] as const) {
        run.start(id, 'steps/04-threads-async', 'client.ts');
        await run.waitFor(id, /nickname/i);
        run.type(id, nick);
        await run.waitFor(id, 'Connected to the server');
        await run.waitFor('t1', `Nickname is ${nick}`);
        if (id === 't3') await run.waitFor('t2', 'bob has joined');
      }
      run.type('t3', 'bye alice');
      await Promise.all(['t2', 't3'].map((id) => run.waitFor(id, 'bob: bye alice')));
      run.endInput('t3');
      await run.waitExit('t3');
      await run.waitFor('t2', 'bob left the chat');
      await run.waitFor('t1', 'bob left the chat');
      run.interrupt('t1');
      await run.waitExit('t1');
      await run.waitExit('t2');
    },
  },
];

/**
 * What the site shows: the server's port is 55555, each client's the next of
 * 50001, 50002…, and no path of the recording machine (the checkout, the home
 * folder, the temporary folder) appears.
 */
export function normalise(events: TranscriptEvent[], serverPort: number): TranscriptEvent[] {
  const places: [string, string][] = [
    [ROOT, '.'],
    [os.homedir(), '~'],
    [os.tmpdir(), '$TMPDIR'],
  ];
  const clients = new Map<string, string>();
  const fake = (port: string) => {
    if (port === String(serverPort)) return '55555';
    if (!clients.has(port)) clients.set(port, String(50001 + clients.size));
    return clients.get(port)!;
  };
  return events.map((event) => ({
    ...event,
    text: places
      .reduce((text, [place, shown]) => text.split(place).join(shown), event.text)
      .replace(/(127\.0\.0\.1|\[::1\]|localhost)(:|', )(\d{2,5})/g, (_, host: string, sep: string, port: string) => `${host}${sep}${fake(port)}`),
  }));
}

/** Run one session for real, and return what a reader of the page should see. */
export async function record(session: Session): Promise<Transcript> {
  const port = await freePort();
  const programs = new Map<string, Program>();
  const shown = new Map<string, number>(); // bytes of each terminal's output already recorded
  const events: TranscriptEvent[] = [];
  const program = (id: string) => {
    const found = programs.get(id);
    if (!found) throw new Error(`${session.name}: nothing runs in terminal ${id}`);
    return found;
  };
  /** Record what each terminal printed since the last action, terminal by terminal; `typing` shows its prompt too. */
  const flush = (typing?: string) => {
    for (const { id } of session.terminals) {
      const running = programs.get(id);
      if (!running) continue;
      const all = running.output.all.toString('utf8');
      const fresh = all.slice(shown.get(id) ?? 0);
      // Only whole lines: a line still being printed is recorded with the next one.
      const end = fresh.lastIndexOf('\n') + 1;
      if (end > 0) {
        shown.set(id, (shown.get(id) ?? 0) + end);
        for (const line of fresh.slice(0, end - 1).split('\n')) events.push({ terminal: id, kind: 'output', text: line });
      }
      if (id === typing && end < fresh.length) {
        shown.set(id, all.length);
        events.push({ terminal: id, kind: 'output', text: fresh.slice(end), partial: true });
      }
    }
  };
  const runner: Runner = {
    start(id, dir, file) {
      flush();
      events.push({ terminal: id, kind: 'command', text: `npx tsx ${dir}/${file}` });
      const command = referenceTarget(dir)[file === 'server.ts' ? 'server' : 'client'];
      if (!command) throw new Error(`${dir} has no ${file}`);
      programs.set(id, new Program(command, { HOST: '127.0.0.1', PORT: String(port), LANG: 'C' }, id));
    },
    async waitFor(id, text) {
      await program(id).output.readUntil(text, 15000);
    },
    type(id, line) {
      flush(id);
      events.push({ terminal: id, kind: 'input', text: line });
      program(id).writeLine(line);
    },
    endInput(id) {
      flush();
      events.push({ terminal: id, kind: 'input', text: '^D' });
      program(id).endInput();
    },
    interrupt(id) {
      flush();
      events.push({ terminal: id, kind: 'input', text: '^C' });
      program(id).signal('SIGINT');
    },
    async waitExit(id) {
      await program(id).waitExit(15000);
    },
  };
  try {
    await session.script(runner);
    flush();
  } finally {
    await Promise.all([...programs.values()].map((running) => running.stop()));
  }
  return { name: session.name, terminals: session.terminals, events: normalise(events, port) };
}

/** JSON with one event per line: a change to a run reads as a change to its lines. */
export function serialise(transcript: Transcript): string {
  const list = (items: unknown[]) => `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
  return `{\n  "name": ${JSON.stringify(transcript.name)},\n  "terminals": ${list(transcript.terminals)},\n  "events": ${list(transcript.events)}\n}\n`;
}

export function stored(name: string): Transcript | null {
  const file = path.join(TRANSCRIPTS, `${name}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Transcript) : null;
}

async function main(): Promise<void> {
  fs.mkdirSync(TRANSCRIPTS, { recursive: true });
  const only = process.argv.slice(2);
  for (const session of sessions.filter((s) => only.length === 0 || only.includes(s.name))) {
    const transcript = await record(session);
    fs.writeFileSync(path.join(TRANSCRIPTS, `${session.name}.json`), serialise(transcript));
    console.log(`docs/transcripts/${session.name}.json: ${transcript.events.length} events`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
