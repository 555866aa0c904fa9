/**
 * Text that reaches a terminal must not be able to drive it. ESC starts
 * sequences that move the cursor, recolour or clear the screen, rewrite the
 * window title; other C0 and C1 controls (backspace, carriage return, bell...)
 * rewrite what is shown; bidi overrides make "gpj.exe" display as "exe.jpg".
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
// eslint-disable-next-line no-control-regex
const QUICK = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Remove everything that could drive a terminal; a tab becomes a space. */
export function sanitize(text: string): string {
  if (!QUICK.test(text)) return text; // the common case costs one scan
  return text.replace(UNSAFE, '').replace(/\t/g, ' ');
}

/** Decode a line as UTF-8, or null when its bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Buffer): string | null {
  return isUtf8(bytes) ? bytes.toString('utf8') : null;
}
