/**
 * How the client shows each line from the server: colours (a stable one per
 * nickname), dim notices, red errors, in the user's language. Every piece of
 * text from the network is sanitised again here before it reaches the terminal.
 */
import type { ChalkInstance } from 'chalk';
import { eastAsianWidth } from 'get-east-asian-width';
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

// #region wrap
/** What starts each continuation line: the width of "HH:MM ", so the text lines up under the text. */
export const CONTINUATION = '      ';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// eslint-disable-next-line no-control-regex
const COLOUR = /\x1b\[[0-9;]*m/g; // what chalk writes (SGR); everything else was sanitised away
// eslint-disable-next-line no-control-regex
const NARROW = /^[\x20-\x7e\x1b]*$/;

/**
 * Fit a line to a terminal `columns` wide. The client breaks long lines itself
 * and indents every continuation, so that no message can pass for a line of
 * its own: text padded to the edge of the screen, then "02:00 teacher: class
 * is over", shows "02:00 teacher" indented, under the real sender. A line is
 * broken at a space when one is near the edge, else where it reaches it.
 * Colours take no room; CJK characters and most emoji take two columns. With
 * no width (output to a pipe or a file), the line is left as it is.
 */
export function wrapLine(line: string, columns: number | undefined): string {
  if (columns === undefined || !Number.isFinite(columns) || columns < 8) return line;
  // Stop one column short of the edge: some terminals break the line as soon as it is full.
  const limit = columns - 1;
  if (line.length <= limit && NARROW.test(line)) return line; // one byte, one column: it fits
  const indent = columns >= 24 ? CONTINUATION : '  ';
  const lines: string[] = [];
  let current = ''; // the line being filled
  let width = 0;
  let space = -1; // where in `current` the last space is, to break there
  let spaceWidth = 0; // the width of `current` up to and including that space
  const start = () => {
    lines.push(current.trimEnd());
    current = indent;
    width = indent.length;
    space = -1;
  };
  for (const piece of pieces(line)) {
    const cells = piece.startsWith('\x1b') ? 0 : cellWidth(piece);
    if (width + cells > limit && width > indent.length) {
      if (space > indent.length && spaceWidth > limit / 2) {
        // Carry the last word over to the next line.
        const carried = current.slice(space + 1);
        const carriedWidth = width - spaceWidth;
        current = current.slice(0, space);
        start();
        current += carried;
        width += carriedWidth;
      } else {
        start();
      }
    }
    current += piece;
    width += cells;
    if (piece === ' ') {
      space = current.length - 1;
      spaceWidth = width;
    }
  }
  lines.push(current.trimEnd());
  return lines.join('\n');
}

/** The colour codes and the characters (grapheme clusters) of a line, in order. */
function* pieces(line: string): Generator<string> {
  let at = 0;
  for (const colour of line.matchAll(COLOUR)) {
    for (const { segment } of graphemes.segment(line.slice(at, colour.index))) yield segment;
    yield colour[0];
    at = colour.index + colour[0].length;
  }
  for (const { segment } of graphemes.segment(line.slice(at))) yield segment;
}

/** Columns a line of plain text takes on a terminal. */
export function textWidth(text: string): number {
  let cells = 0;
  for (const { segment } of graphemes.segment(text)) cells += cellWidth(segment);
  return cells;
}

/** Columns one grapheme cluster takes: 0 for a lone accent, 2 for a wide or emoji character, else 1. */
export function cellWidth(grapheme: string): number {
  const first = grapheme.codePointAt(0)!;
  if (first < 0x7f) return first < 0x20 ? 0 : 1;
  if (/^[\p{M}\p{Default_Ignorable_Code_Point}]/u.test(grapheme)) return 0;
  // An emoji drawn in colour (with U+FE0F, a skin tone, a ZWJ sequence, a flag) takes two.
  // eslint-disable-next-line no-misleading-character-class -- single code points on purpose (selector, joiner, skin tones)
  if (/^\p{Extended_Pictographic}.*[\uFE0F\u200D\u{1F3FB}-\u{1F3FF}]|^\p{Regional_Indicator}/su.test(grapheme)) return 2;
  let cells = 1;
  for (const ch of grapheme) cells = Math.max(cells, eastAsianWidth(ch.codePointAt(0)!));
  return cells;
}
// #endregion wrap
