/**
 * Show bytes so that every one of them is visible: "\n", "\r", " " at the
 * end; a byte that is not part of valid UTF-8 as "\xc3", so that a character
 * cut in two is told apart from the "\ufffd" a decoder put in its place.
 */
export function escapeBytes(bytes: Buffer | string): string {
  const text = typeof bytes === 'string' ? bytes : decodeVisibly(bytes);
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\ufffd') out += '\\ufffd';
    else if (code >= 0xdc80 && code <= 0xdcff)
      out += `\\x${(code - 0xdc00).toString(16)}`; // an invalid byte, from decodeVisibly
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
}

/** UTF-8 decoded, each invalid byte kept as a lone surrogate U+DC80..U+DCFF (Python's "surrogateescape"). */
function decodeVisibly(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    const sequence = bytes.subarray(i, i + length);
    const valid = length > 0 && sequence.length === length && sequence.subarray(1).every((b) => (b & 0xc0) === 0x80);
    const decoded = valid ? sequence.toString('utf8') : '';
    if (valid && Buffer.from(decoded).equals(sequence)) {
      out += decoded;
      i += length;
    } else {
      out += String.fromCharCode(0xdc00 + lead);
      i += 1;
    }
  }
  return out;
}

/**
 * Where the expected text best lines up with what was received, and the first
 * character that differs there: used to put a caret under the wrong byte.
 * Returns indexes in the escaped forms' character positions (quotes excluded).
 */
export function firstDifference(received: string, expected: string): { at: number; matched: number } {
  let best = { at: 0, matched: 0 };
  for (let start = 0; start < Math.max(received.length, 1); start++) {
    let n = 0;
    while (n < expected.length && start + n < received.length && received[start + n] === expected[n]) n++;
    if (n > best.matched) best = { at: start, matched: n };
    if (n === expected.length) break;
  }
  return best;
}
