/** Show bytes so that every one of them is visible: "\n", "\r", " " at the end, invalid UTF-8. */
export function escapeBytes(bytes: Buffer | string): string {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\ufffd') out += '\\ufffd';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
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
