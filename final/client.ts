/**
 * The final chat client, for a terminal:
 *   npx tsx final/client.ts [--host HOST] [--port PORT] [--nick NAME] [--lang fr]
 * Messages that arrive while you type are printed above your line, which is
 * redrawn as it was: readline keeps what you typed.
 */
import net from 'node:net';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { Chalk } from 'chalk';
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
const host = args.host ?? process.env.HOST ?? '127.0.0.1';
const port = Number(args.port ?? process.env.PORT ?? 55555);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(t.badArgs(`--port ${args.port ?? process.env.PORT}`), 2);
const where = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

// Colours only for a terminal that shows them, and never when NO_COLOR is set.
const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
const colours = new Chalk({ level: process.env.NO_COLOR || !process.stdout.isTTY ? 0 : 2 });

const socket = net.connect({ host, port });
const keyboard = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: tty });
keyboard.setPrompt('> ');
let nickToTry = args.nick;
let leaving = false;
let joined = false;

/** Print a line above the one being typed, then redraw the prompt and what was typed. */
function show(line: string): void {
  clearPromptLine();
  process.stdout.write(`${line}\n`);
  if (tty && joined) keyboard.prompt(true);
}

function send(line: string): void {
  if (!socket.destroyed) socket.write(`${line}\n`);
}

const reader = new LineReader(64 * 1024, {
  line(bytes) {
    const shown = render(parseServerLine(bytes.toString('utf8')), t, colours);
    if (shown.action === 'pong') return send('/pong');
    if (shown.action === 'ask-nick') {
      joined = false;
      if (nickToTry) {
        send(nickToTry);
        nickToTry = undefined;
      } else {
        keyboard.setPrompt(t.askNick);
        keyboard.prompt();
      }
      return;
    }
    if (shown.action === 'joined') {
      joined = true;
      keyboard.setPrompt('> ');
    }
    show(shown.text);
  },
  tooLong() {},
});

socket.setNoDelay(true);
socket.on('data', (chunk) => reader.push(chunk));
socket.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'ECONNREFUSED') fail(t.refused(where));
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') fail(t.unknownHost(host));
  if (!leaving) fail(joined ? t.lost : t.unreachable(where, err.message));
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
  if (line.trim().toLowerCase().startsWith('/quit')) leaving = true;
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
