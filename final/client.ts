/**
 * The final chat client, for a terminal:
 *   npx tsx final/client.ts [--host HOST] [--port PORT] [--nick NAME] [--tls --ca FILE] [--lang fr]
 * Messages that arrive while you type are printed above your line, which is
 * redrawn as it was: readline keeps what you typed.
 */
import readline from 'node:readline';
import type net from 'node:net';
import { parseArgs } from 'node:util';
import { Chalk, type ChalkInstance } from 'chalk';
import { connect, explain, readCa, type Target } from './client-connect.ts';
import { LineReader } from './framing.ts';
import { hiddenInput } from './hidden-input.ts';
import { launch } from './launch.ts';
import { pickLang, text, type Messages } from './i18n.ts';
import { parseServerLine } from './protocol.ts';
import { render, textWidth, wrapLine } from './render.ts';

/**
 * Where the client stands:
 * - waiting: connected, the server has asked nothing yet (lines typed now wait);
 * - asking: a prompt of the handshake (nickname, password) waits for the user;
 * - chat: joined, every line typed is sent;
 * - leaving: /quit or Ctrl+C was said; the server's close ends the program.
 */
type State = 'waiting' | 'asking' | 'chat' | 'leaving';

/** Erase the prompt line, so that what follows starts at the left margin. */
function clearPromptLine(): void {
  if (!process.stdout.isTTY) return;
  readline.clearLine(process.stdout, 0);
  readline.cursorTo(process.stdout, 0);
}

function fail(message: string, code = 1): never {
  clearPromptLine();
  console.error(message);
  process.exit(code);
}

class ChatClient {
  #state: State = 'waiting';
  /** Answers given in advance (--nick, CHAT_PASSWORD), each used once: if refused, the user is asked. */
  #given: { nick?: string | undefined; password?: string | undefined };
  /** Lines typed before the server asked for anything: they answer the next prompts, then are said. */
  #typedAhead: string[] = [];
  /** The warning that a password would travel in clear is said once. */
  #warnedClear = false;
  readonly #keyboard: readline.Interface;
  readonly #echo: { hide(on: boolean): void };

  constructor(
    private readonly socket: net.Socket,
    private readonly target: Target,
    private readonly t: Messages,
    private readonly colours: ChalkInstance,
    private readonly tty: boolean,
    given: { nick?: string | undefined; password?: string | undefined },
  ) {
    this.#given = given;
    this.#keyboard = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: tty });
    this.#keyboard.setPrompt('> ');
    this.#echo = hiddenInput(this.#keyboard, t.askPassword);

    const reader = new LineReader(64 * 1024, { line: (bytes) => this.#onServerLine(bytes.toString('utf8')), tooLong() {} });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (this.#state === 'leaving') return;
      fail(this.#state === 'chat' ? t.lost : explain(err, target, t));
    });
    socket.on('close', () => {
      if (this.#state !== 'leaving') fail(t.closedByServer);
      clearPromptLine();
      process.exit(0);
    });
    this.#keyboard.on('line', (line) => this.#onTyped(line));
    // Ctrl+C or Ctrl+D: leave the chat politely, then exit when the server has closed.
    this.#keyboard.on('SIGINT', () => this.#quit());
    this.#keyboard.on('close', () => this.#quit());
  }

  #onServerLine(line: string): void {
    const shown = render(parseServerLine(line), this.t, this.colours);
    switch (shown.action) {
      case 'pong':
        return this.#send('/pong');
      case 'ask-nick':
        if (this.#state === 'leaving') return; // the user said goodbye: no more answers
        return this.#ask(this.#take('nick'), this.t.askNick, false);
      case 'ask-password':
        if (this.#state === 'leaving') return;
        if (!this.target.tls && !this.#warnedClear) {
          this.#warnedClear = true;
          this.#show(this.t.clearPassword);
        }
        return this.#ask(this.#take('password'), this.t.askPassword, true);
      case 'joined':
        if (this.#state === 'leaving') break; // a welcome after /quit or Ctrl+D changes nothing
        this.#state = 'chat';
        this.#keyboard.setPrompt('> ');
    }
    this.#show(wrapLine(shown.text, process.stdout.columns ?? Number(process.env.COLUMNS)));
    if (this.#state === 'chat') for (const typed of this.#typedAhead.splice(0)) this.#say(typed);
  }

  #take(answer: 'nick' | 'password'): string | undefined {
    const given = this.#given[answer];
    this.#given[answer] = undefined;
    return given;
  }

  /** Answer a prompt of the handshake with what we were given or typed ahead, or ask the user. */
  #ask(given: string | undefined, prompt: string, secret: boolean): void {
    if (this.#state === 'chat') this.#state = 'waiting'; // asked again: not in the room
    const answer = given ?? this.#typedAhead.shift();
    if (answer !== undefined) return this.#send(answer);
    this.#state = 'asking';
    this.#echo.hide(secret && this.tty);
    this.#keyboard.setPrompt(prompt);
    this.#keyboard.prompt();
  }

  #onTyped(line: string): void {
    if (this.tty) {
      // Erase the line as typed (the rows it took, prompt included): the server sends it back, signed and coloured.
      const rows = Math.max(1, Math.ceil((textWidth(this.#keyboard.getPrompt()) + textWidth(line)) / (process.stdout.columns || 80)));
      for (let row = 0; row < rows; row++) {
        readline.moveCursor(process.stdout, 0, -1);
        readline.clearLine(process.stdout, 0);
      }
    }
    this.#echo.hide(false);
    switch (this.#state) {
      case 'waiting':
        this.#typedAhead.push(line); // the server has not asked yet
        return;
      case 'asking':
        this.#state = 'waiting'; // until the server answers
        this.#send(line);
        return;
      case 'chat':
        this.#say(line);
        if (this.tty && this.#state === 'chat') this.#keyboard.prompt();
        return;
      case 'leaving':
        return;
    }
  }

  /** Print a line above the one being typed, then redraw the prompt and what was typed. */
  #show(line: string): void {
    clearPromptLine();
    process.stdout.write(`${line}\n`);
    if (this.tty && this.#state === 'chat') this.#keyboard.prompt(true);
  }

  /** A line for the room, typed now or ahead; /quit means the server's close ends the program. */
  #say(line: string): void {
    if (this.#state === 'leaving') return;
    if (line.trim().toLowerCase().startsWith('/quit')) this.#state = 'leaving';
    this.#send(line);
  }

  #send(line: string): void {
    if (!this.socket.destroyed) this.socket.write(`${line}\n`);
  }

  #quit(): void {
    if (this.#state === 'leaving') process.exit(0);
    this.#state = 'leaving';
    this.#send('/quit');
    this.socket.end();
    setTimeout(() => process.exit(0), 1000).unref();
  }
}

// ------------------------------------------------------------------ command line

function readArgs() {
  try {
    return parseArgs({
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        nick: { type: 'string' },
        tls: { type: 'boolean' },
        ca: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return fail(text[pickLang(undefined)].badArgs((error as Error).message), 2);
  }
}

const args = readArgs();
const t = text[pickLang(args.lang)];
if (args.help) {
  console.log(t.usage(launch().usage('client')));
  process.exit(0);
}
let ca: Buffer | undefined;
try {
  if (args.ca !== undefined) ca = readCa(args.ca, t);
} catch (error) {
  fail((error as Error).message);
}
const target: Target = {
  host: args.host ?? process.env.HOST ?? '127.0.0.1',
  port: Number(args.port ?? process.env.PORT ?? 55555),
  tls: args.tls === true || ca !== undefined,
  ...(ca && { ca }),
};
if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) fail(t.badArgs(`--port ${args.port ?? process.env.PORT}`), 2);

// Colours only for a terminal that shows them, and never when NO_COLOR is set.
const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
const colours = new Chalk({ level: process.env.NO_COLOR || !process.stdout.isTTY ? 0 : 2 });

let socket: net.Socket;
try {
  socket = connect(target);
} catch (error) {
  fail(explain(error as NodeJS.ErrnoException, target, t));
}
new ChatClient(socket, target, t, colours, tty, { nick: args.nick, password: process.env.CHAT_PASSWORD || undefined });
