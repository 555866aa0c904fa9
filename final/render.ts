/**
 * How the client shows each line from the server: colours (a stable one per
 * nickname), dim notices, red errors, in the user's language. Every piece of
 * text from the network is sanitised again here before it reaches the terminal.
 */
import type { ChalkInstance } from 'chalk';
import type { Messages } from './i18n.ts';
import { COMMANDS, ERROR_CODES, LEAVE_REASONS, isOneOf, type CommandName, type ServerLine } from './protocol.ts';
import { sanitize } from './sanitize.ts';

const NICK_COLOURS = ['green', 'yellow', 'blue', 'magenta', 'cyan', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright'] as const;

/** The same nickname always gets the same colour, on every screen. */
export function nickColour(nick: string): (typeof NICK_COLOURS)[number] {
  let hash = 0;
  for (const ch of nick.toLowerCase()) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return NICK_COLOURS[hash % NICK_COLOURS.length]!;
}

export interface Rendered {
  text: string;
  /** The server asked for a nickname, or pings: the client acts, and may show nothing. */
  action?: 'ask-nick' | 'ask-password' | 'joined' | 'pong' | 'shutdown';
}

export function render(line: ServerLine, t: Messages, c: ChalkInstance, now = new Date()): Rendered {
  const time = c.dim(`${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')} `);
  const nick = (name: string) => c[nickColour(name)](sanitize(name));
  const system = (text: string) => ({ text: time + c.dim(`-- ${text}`) });
  switch (line.kind) {
    case 'prompt':
      return line.what === 'nick' ? { text: '', action: 'ask-nick' } : { text: '', action: 'ask-password' };
    case 'message':
      return { text: `${time}${nick(line.from)}: ${sanitize(line.text)}` };
    case 'action':
      return { text: `${time}${c.italic(`* ${nick(line.from)} ${sanitize(line.text)}`)}` };
    case 'private':
      return { text: `${time}${c.magenta(`[${t.privateTag}]`)} ${nick(line.from)} → ${nick(line.to)}: ${sanitize(line.text)}` };
    case 'other':
      return { text: time + sanitize(line.text) };
    case 'notice':
      break;
  }
  // #region notices
  const [a = '', b = ''] = line.args.map(sanitize);
  const trailing = line.trailing === undefined ? '' : sanitize(line.trailing);
  switch (line.code) {
    case 'welcome':
      return { text: time + c.green(t.welcome(a, Number(b) || 1)), action: 'joined' };
    case 'joined':
      return system(t.joined(a));
    case 'left':
      return system(t.left(a, b === 'quit' ? trailing : isOneOf(LEAVE_REASONS, b) ? t.reasons[b] : b));
    case 'renamed':
      return system(t.renamed(a, b));
    case 'online':
      return system(t.online(line.args.map(sanitize)));
    case 'help': {
      const [usage, what] = Object.hasOwn(COMMANDS, a) ? t.help[a as CommandName] : [trailing, ''];
      return { text: `  ${c.bold(usage.padEnd(20))} ${what}` };
    }
    case 'error': {
      return { text: time + c.red(isOneOf(ERROR_CODES, a) ? t.errors[a](b) : `${a} ${b}`.trim()) };
    }
    // #endregion notices
    case 'operator':
      return system(t.operator(a));
    case 'kicked':
      return { text: time + c.yellow(t.kicked(a, b, trailing)) };
    case 'muted':
      return { text: time + c.yellow(t.muted(a, b)) };
    case 'unmuted':
      return system(t.unmuted(a, b));
    case 'bans':
      return system(t.bans(Number(a) || 0));
    case 'ban': {
      const [, , nick = '', seconds = ''] = line.args.map(sanitize);
      return { text: t.ban(a, b, nick, seconds, trailing) };
    }
    case 'unbanned':
      return system(t.unbanned(a, b));
    case 'ping':
      return { text: '', action: 'pong' };
    case 'split':
      return { text: time + c.yellow(t.split) };
    case 'whole':
      return { text: time + c.green(t.whole) };
    case 'shutdown':
      return { text: time + c.yellow(t.shutdown), action: 'shutdown' };
    default:
      return system([line.code, ...line.args.map(sanitize), trailing].filter(Boolean).join(' '));
  }
}
