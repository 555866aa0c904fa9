/**
 * The final chat client, for a terminal:
 *   npx tsx final/client.ts [--host HOST] [--port PORT] [--nick NAME] [--tls --ca FILE] [--lang fr]
 * Messages that arrive while you type are printed above your line, which is
 * redrawn as it was: readline keeps what you typed.
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { Chalk } from 'chalk';
import { connect, explain, type Target } from './client-connect.ts';
import { LineReader } from './framing.ts';
import { pickLang, text } from './i18n.ts';
import { parseServerLine } from './protocol.ts';
import { render } from './render.ts';

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
  console.log(t.usage);
  process.exit(0);
}
const target: Target = {
  host: args.host ?? process.env.HOST ?? '127.0.0.1',
  port: Number(args.port ?? process.env.PORT ?? 55555),
  tls: args.tls === true || args.ca !== undefined,
  ...(args.ca !== undefined && { ca: args.ca }),
};
if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) fail(t.badArgs(`--port ${args.port ?? process.env.PORT}`), 2);

// Colours only for a terminal that shows them, and never when NO_COLOR is set.
const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
const colours = new Chalk({ level: process.env.NO_COLOR || !process.stdout.isTTY ? 0 : 2 });

const socket = (() => {
  try {
    return connect(target);
  } catch (error) {
    return fail(explain(error as NodeJS.ErrnoException, target, t)); // an unreadable --ca file
  }
})();
const keyboard = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: tty });
keyboard.setPrompt('> ');
let nickToTry = args.nick;
let passwordToTry = process.env.CHAT_PASSWORD || undefined;
let leaving = false;
let joined = false;
/** A prompt of the handshake waiting for the user's answer. */
let asking = false;
/** Lines typed before the server asked for anything: they answer the next prompts, then are said. */
const typedAhead: string[] = [];

// While the password is typed, nothing is echoed but the prompt. readline has
// no option for it: we wrap its internal echo method (hence the cast).
let hidden = false;
const echoing = keyboard as unknown as { _writeToOutput(text: string): void };
const echo = echoing._writeToOutput.bind(keyboard);
echoing._writeToOutput = (written) =>
  echo(!hidden ? written : written.includes(t.askPassword) ? t.askPassword : written.replace(/[^\r\n]/g, ''));

/** Print a line above the one being typed, then redraw the prompt and what was typed. */
function show(line: string): void {
  clearPromptLine();
  process.stdout.write(`${line}\n`);
  if (tty && joined) keyboard.prompt(true);
}

function send(line: string): void {
  if (!socket.destroyed) socket.write(`${line}\n`);
}

/** Answer a prompt of the handshake with what we were given or typed ahead, or ask the user. */
function ask(given: string | undefined, prompt: string, secret: boolean): void {
  joined = false;
  const answer = given ?? typedAhead.shift();
  if (answer !== undefined) return send(answer);
  asking = true;
  hidden = secret && tty;
  keyboard.setPrompt(prompt);
  keyboard.prompt();
}

const reader = new LineReader(64 * 1024, {
  line(bytes) {
    const shown = render(parseServerLine(bytes.toString('utf8')), t, colours);
    switch (shown.action) {
      case 'pong':
        return send('/pong');
      case 'ask-nick':
        ask(nickToTry, t.askNick, false);
        nickToTry = undefined; // if it is refused, ask the user
        return;
      case 'ask-password':
        ask(passwordToTry, t.askPassword, true);
        passwordToTry = undefined;
        return;
      case 'joined':
        joined = true;
        keyboard.setPrompt('> ');
    }
    show(shown.text);
    if (joined) for (const line of typedAhead.splice(0)) send(line);
  },
  tooLong() {},
});

socket.setNoDelay(true);
socket.on('data', (chunk: Buffer) => reader.push(chunk));
socket.on('error', (err: NodeJS.ErrnoException) => {
  if (leaving) return;
  fail(joined ? t.lost : explain(err, target, t));
});
socket.on('close', () => {
  if (leaving) {
    clearPromptLine();
    process.exit(0);
  }
  fail(t.closedByServer);
});

keyboard.on('line', (line) => {
  if (tty) {
    // Erase the line as typed: the server sends it back, signed and coloured.
    readline.moveCursor(process.stdout, 0, -1);
    readline.clearLine(process.stdout, 0);
  }
  hidden = false;
  if (!joined && !asking) return void typedAhead.push(line); // the server has not asked yet
  asking = false;
  if (joined && line.trim().toLowerCase().startsWith('/quit')) leaving = true;
  send(line);
  if (tty && joined) keyboard.prompt();
});

// Ctrl+C or Ctrl+D: leave the chat politely, then exit when the server has closed.
function quit(): void {
  if (leaving) process.exit(0);
  leaving = true;
  send('/quit');
  socket.end();
  setTimeout(() => process.exit(0), 1000).unref();
}
keyboard.on('SIGINT', quit);
keyboard.on('close', quit);
