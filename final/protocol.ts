/**
 * The final chatroom's wire protocol: one UTF-8 line per message, ended by
 * "\n". Everything the server sends is built here and everything the client
 * reads is parsed here, so the two sides cannot disagree.
 *
 *   server → client                      client → server
 *   NICK                  give a nickname   <nickname>
 *   PASS                  give the password <password>
 *   alice: hello          public message    hello
 *   * alice waves         action            /me waves
 *   alice -> bob: psst    private message   /msg bob psst
 *   *** <code> <args> [:<text>]  notice     /nick, /list, /quit, /help, /pong
 *
 * A nickname holds no space, "*" or ":", and the server writes the sender's
 * name itself, so no user text can pass for a notice or for another user.
 */

/** The prompts of the handshake, alone on their line, as in the manual. */
export const NICK_PROMPT = 'NICK';
export const PASSWORD_PROMPT = 'PASS';

/** Why someone left, as the `left` notice says it. */
export const LEAVE_REASONS = [
  'quit', // said /quit (its reason follows, if any)
  'closed', // closed the connection
  'reset', // the connection failed (reset, network error)
  'timeout', // did not answer a ping
  'too-slow', // stopped reading: its output buffer filled up
  'kicked', // an operator removed it
  'shutdown', // the server is stopping
  'split', // its server is no longer reachable (several servers)
] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

/** Errors sent to one client; args are listed after the code. */
export const ERROR_CODES = [
  'nick-invalid', // <problem>: length, invisible, characters, marks, letter or scripts (nick.ts)
  'nick-taken', // <nickname>
  'nick-timeout',
  'too-long', // <max bytes>
  'bad-utf8',
  'flood', // <seconds to wait>
  'unknown-command', // <command>
  'usage', // <command>
  'no-such-nick', // <nickname>
  'server-full',
  'too-many-connections',
  'password-wrong', // <attempts left> (room password, or /op)
  'not-operator',
  'op-disabled', // no operator password on this server
  'muted',
  'banned', // <seconds left>
  'tls-required',
  'locked', // <seconds left>: too many wrong passwords from this address
  'too-fast', // <seconds to wait>: too many new connections from this address
  'not-yourself', // an operator cannot kick or mute themselves
  'no-such-ban', // <address or #n>
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The commands a user can type, in the order /help lists them; `operator`: for operators only. */
export const COMMANDS = {
  nick: { operator: false },
  msg: { operator: false },
  me: { operator: false },
  list: { operator: false },
  quit: { operator: false },
  help: { operator: false },
  op: { operator: false },
  kick: { operator: true },
  mute: { operator: true },
  unmute: { operator: true },
  bans: { operator: true },
  unban: { operator: true },
} as const;
export type CommandName = keyof typeof COMMANDS;

/** Is a word read from the wire one of these codes? (A server may be newer than its client.) */
export function isOneOf<T extends string>(codes: readonly T[], word: string): word is T {
  return (codes as readonly string[]).includes(word);
}

/** Every notice code, with the number of arguments it carries. */
export const NOTICE_CODES = [
  'welcome', // <nickname> <people online>
  'joined', // <nickname>
  'left', // <nickname> <reason> [:<message>]
  'renamed', // <old> <new>
  'online', // <nickname>...
  'help', // <command> :<usage in English>
  'error', // <code> <args>...
  'ping', // answer with /pong (any line will do)
  'shutdown', // the server is stopping
  'operator', // <nickname>: became an operator
  'kicked', // <nickname> <by> [:<reason>]
  'muted', // <nickname> <by>
  'unmuted', // <nickname> <by>
  'split', // the room is split: other servers unreachable
  'whole', // the room is whole again
  'ban', // <#n> <address> <nickname> <seconds left> [:<reason>]: one line of /bans (operators only)
  'bans', // <count>: how many lines of /bans follow
  'unbanned', // <address> <by>: to the operator who lifted it
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

// #region lines
/** `*** code arg1 arg2 :trailing text`: args hold no spaces, the trailing text may. */
export function notice(code: NoticeCode, args: readonly (string | number)[] = [], trailing?: string): string {
  // An argument is one word that cannot start the trailing text: keep it so.
  const words = args.map((arg) => String(arg).replace(/\s+/g, '_').replace(/^:+/, '') || '_');
  const head = ['***', code, ...words].join(' ');
  return trailing === undefined ? head : `${head} :${trailing}`;
}

export function errorNotice(code: ErrorCode, ...args: (string | number)[]): string {
  return notice('error', [code, ...args]);
}

export const publicLine = (nick: string, text: string) => `${nick}: ${text}`;
export const actionLine = (nick: string, text: string) => `* ${nick} ${text}`;
export const privateLine = (from: string, to: string, text: string) => `${from} -> ${to}: ${text}`;
// #endregion lines

// ---------------------------------------------------------------- client → server

export type Command =
  | { kind: 'say'; text: string }
  | { kind: 'nick'; nick: string }
  | { kind: 'msg'; to: string; text: string }
  | { kind: 'me'; text: string }
  | { kind: 'list' }
  | { kind: 'quit'; reason: string }
  | { kind: 'help' }
  | { kind: 'pong' }
  | { kind: 'op'; password: string }
  | { kind: 'kick'; nick: string; reason: string }
  | { kind: 'mute'; nick: string }
  | { kind: 'unmute'; nick: string }
  | { kind: 'bans' }
  | { kind: 'unban'; who: string }
  | { kind: 'usage'; command: string }
  | { kind: 'unknown'; command: string };

/** Read one line a client typed: a message, or a command when it starts with "/" ("//" sends a "/"). */
export function parseCommand(line: string): Command {
  if (!line.startsWith('/') || line.startsWith('//')) {
    return { kind: 'say', text: line.startsWith('//') ? line.slice(1) : line };
  }
  const space = line.indexOf(' ');
  const name = (space === -1 ? line.slice(1) : line.slice(1, space)).toLowerCase();
  const rest = space === -1 ? '' : line.slice(space + 1).trim();
  const [first = '', ...others] = rest.split(/\s+/);
  const tail = others.join(' ');
  switch (name) {
    case 'nick':
      return first && !tail ? { kind: 'nick', nick: first } : { kind: 'usage', command: name };
    case 'msg':
      return first && tail ? { kind: 'msg', to: first, text: rest.slice(first.length).trim() } : { kind: 'usage', command: name };
    case 'me':
      return rest ? { kind: 'me', text: rest } : { kind: 'usage', command: name };
    case 'list':
      return { kind: 'list' };
    case 'quit':
      return { kind: 'quit', reason: rest };
    case 'help':
      return { kind: 'help' };
    case 'pong':
      return { kind: 'pong' };
    case 'op':
      return first ? { kind: 'op', password: rest } : { kind: 'usage', command: name };
    case 'kick':
      return first ? { kind: 'kick', nick: first, reason: rest.slice(first.length).trim() } : { kind: 'usage', command: name };
    case 'mute':
    case 'unmute':
      return first && !tail ? { kind: name, nick: first } : { kind: 'usage', command: name };
    case 'bans':
      return { kind: 'bans' };
    case 'unban':
      return first && !tail ? { kind: 'unban', who: first } : { kind: 'usage', command: name };
    default:
      return { kind: 'unknown', command: name };
  }
}

// ---------------------------------------------------------------- server → client

export type ServerLine =
  | { kind: 'prompt'; what: 'nick' | 'password' }
  | { kind: 'message'; from: string; text: string }
  | { kind: 'action'; from: string; text: string }
  | { kind: 'private'; from: string; to: string; text: string }
  | { kind: 'notice'; code: string; args: string[]; trailing?: string }
  | { kind: 'other'; text: string };

// A nickname on the wire: no space, no ":" and no "*" (see nick.ts).
const NICK = '([^\\s:*]+)';
const MESSAGE = new RegExp(`^${NICK}: (.*)$`, 's');
const ACTION = new RegExp(`^\\* ${NICK} (.*)$`, 's');
const PRIVATE = new RegExp(`^${NICK} -> ${NICK}: (.*)$`, 's');

/** Read one line the server sent. */
export function parseServerLine(line: string): ServerLine {
  if (line === NICK_PROMPT) return { kind: 'prompt', what: 'nick' };
  if (line === PASSWORD_PROMPT) return { kind: 'prompt', what: 'password' };
  if (line.startsWith('*** ')) {
    const colon = line.indexOf(' :');
    const head = colon === -1 ? line : line.slice(0, colon);
    const [, code = '', ...args] = head.split(' ');
    return colon === -1 ? { kind: 'notice', code, args } : { kind: 'notice', code, args, trailing: line.slice(colon + 2) };
  }
  let match = PRIVATE.exec(line);
  if (match) return { kind: 'private', from: match[1]!, to: match[2]!, text: match[3]! };
  match = ACTION.exec(line);
  if (match) return { kind: 'action', from: match[1]!, text: match[2]! };
  match = MESSAGE.exec(line);
  if (match) return { kind: 'message', from: match[1]!, text: match[2]! };
  return { kind: 'other', text: line };
}
