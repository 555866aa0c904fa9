/**
 * Text that reaches a terminal must not be able to drive it. ESC starts
 * sequences that move the cursor, recolour or clear the screen, rewrite the
 * window title; other C0 and C1 controls (backspace, carriage return, bell...)
 * rewrite what is shown; bidi overrides make "gpj.exe" display as "exe.jpg".
 * Invisible characters go too: line and paragraph separators (U+2028/2029, a
 * line break to some programs), zero-width spaces, the BOM, soft hyphens,
 * Hangul fillers and other format characters; only the joiners and selectors
 * that emoji and ideographs need stay (👩‍💻 is 👩 + ZWJ + 💻).
 * The server strips all of them from what users send, and the client strips
 * them again from what it prints, in case the server is not ours.
 */
import { isUtf8 } from 'node:buffer';

// An escape sequence as a whole (CSI "ESC [ ... final", OSC "ESC ] ... BEL|ST",
// or ESC plus one character), so that no "[31m" debris is left behind; then any
// other C0/C1 control, DEL, and the bidi embedding/override/isolate characters.
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[\s\S]?|\x9b[0-?]*[ -/]*[@-~]|[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Invisible characters: format, default-ignorable, line/paragraph separators.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]/gu;
// Scripts whose spelling needs a zero-width (non-)joiner between two letters:
// Persian "می‌خواهم", Hindi, Sinhala...
const JOINING = new RegExp(
  `[${['Arab', 'Syrc', 'Mong', 'Deva', 'Beng', 'Guru', 'Gujr', 'Orya', 'Taml', 'Telu', 'Knda', 'Mlym', 'Sinh'].map((script) => `\\p{scx=${script}}`).join('')}]`,
  'u',
);
const EMOJI = /\p{Extended_Pictographic}/u;
// eslint-disable-next-line no-misleading-character-class -- a selector or a skin tone alone, on purpose
const EMOJI_END = /[\p{Extended_Pictographic}\u{FE0F}\u{1F3FB}-\u{1F3FF}]/u; // an emoji, or its selector or skin tone

/** The invisible characters that text needs, by what stands before (`before`) and after (`after`) them. */
function needed(ch: string, before: string, after: string): boolean {
  const cp = ch.codePointAt(0)!;
  // A ZWJ between two emoji (👩‍💻), a (non-)joiner inside a word of the scripts above.
  if (cp === 0x200d && EMOJI_END.test(before) && EMOJI.test(after)) return true;
  if ((cp === 0x200c || cp === 0x200d) && JOINING.test(before) && /\p{L}/u.test(after)) return true;
  // A variation selector after an emoji (❤️) or an ideograph (葛󠄀).
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return /[\p{Emoji}\p{Ideographic}]/u.test(before);
  // The tags of a flag such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿 (Scotland): 🏴, tag letters, then the end tag.
  if (cp >= 0xe0020 && cp <= 0xe007f) return /[\u{1F3F4}\u{E0020}-\u{E007E}]/u.test(before);
  return false;
}

/** The code point that ends at `at` in `text`, or "". */
function codePointBefore(text: string, at: number): string {
  if (at <= 0) return '';
  const low = text.charCodeAt(at - 1);
  return at >= 2 && low >= 0xdc00 && low <= 0xdfff ? text.slice(at - 2, at) : text.slice(at - 1, at);
}

// A few wide ranges that hold every control, format and default-ignorable
// character (a test of sanitize() tries each code point; \ud804-\udb43 are the
// first halves of those beyond U+FFFF, and of emoji). Plain ASCII, French or
// Chinese never matches: one quick scan. Written with \p{Cf}, or as the exact
// list of 25 ranges, the scan costs 8 to 10 times more on a line with accents.
const QUICK =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- controls and lone marks are what it looks for
  /[\x00-\x1f\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u08e2\u115f\u1160\u17b4-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufeff\uffa0-\uffff\ud804-\udb43]/;

/** Remove everything that could drive a terminal or hide in the text; a tab becomes a space. */
export function sanitize(text: string): string {
  if (!QUICK.test(text)) return text; // the common case costs one scan
  const safe = text.replace(UNSAFE, '').replace(/\t/g, ' ');
  // Each invisible character is judged by what stands before it in the text
  // as kept so far: a run of tags after "a" goes whole, not all but its first.
  let kept = '';
  let last = 0;
  for (const { 0: ch, index: at } of safe.matchAll(INVISIBLE)) {
    kept += safe.slice(last, at);
    last = at + ch.length;
    if (needed(ch, codePointBefore(kept, kept.length), String.fromCodePoint(safe.codePointAt(last) ?? 0))) kept += ch;
  }
  return kept + safe.slice(last);
}

/** Decode a line as UTF-8, or null when its bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Buffer): string | null {
  return isUtf8(bytes) ? bytes.toString('utf8') : null;
}
