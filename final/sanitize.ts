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
// Scripts whose spelling needs a zero-width (non-)joiner between two letters:
// Persian "می‌خواهم", Hindi, Sinhala...
const JOINING = ['Arab', 'Syrc', 'Mong', 'Deva', 'Beng', 'Guru', 'Gujr', 'Orya', 'Taml', 'Telu', 'Knda', 'Mlym', 'Sinh'].map((script) => `\\p{scx=${script}}`).join('');
// Invisible characters (format, default-ignorable, line/paragraph separators),
// except a ZWJ between two emoji, a variation selector after an emoji or an
// ideograph, the tags of a flag such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿 (Scotland), and a joiner
// inside a word of the scripts above.
const INVISIBLE = new RegExp(
  [
    '(?!(?<=\\p{Extended_Pictographic}[\\u{FE0F}\\u{1F3FB}-\\u{1F3FF}]?)\\u200D(?=\\p{Extended_Pictographic}))',
    '(?!(?<=[\\p{Emoji}\\p{Ideographic}])[\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}])',
    '(?!(?<=\\u{1F3F4}[\\u{E0020}-\\u{E007E}]*)[\\u{E0020}-\\u{E007F}])',
    `(?!(?<=[${JOINING}]\\p{M}*)[\\u200C\\u200D](?=\\p{L}))`,
    '[\\p{Cf}\\p{Default_Ignorable_Code_Point}\\u2028\\u2029]',
  ].join(''),
  'gu',
);
// Any of the above; plain ASCII (and most text) never matches: one quick scan.
// eslint-disable-next-line no-control-regex
const QUICK = /[\x00-\x1f\x7f-\x9f\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]/u;

/** Remove everything that could drive a terminal or hide in the text; a tab becomes a space. */
export function sanitize(text: string): string {
  if (!QUICK.test(text)) return text; // the common case costs one scan
  return text.replace(UNSAFE, '').replace(INVISIBLE, '').replace(/\t/g, ' ');
}

/** Decode a line as UTF-8, or null when its bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Buffer): string | null {
  return isUtf8(bytes) ? bytes.toString('utf8') : null;
}
