// French typography for the French pages, so that you can type ordinary
// spaces and let this script set the right ones. It changes prose only (never
// code blocks, inline code, HTML tags, link targets or <<< / include lines):
//   "mot :"  → no-break space (U+00A0) before the colon
//   "mot ?"  → narrow no-break space (U+202F) before ; ! ?
//   "« mot »" → no-break spaces inside the guillemets
//   "l'idée", "l'**idée**" → typographic apostrophe: "l’idée"
// tests/docs-parity.test.ts checks the same rules.
//
// Usage: npx tsx docs/.vitepress/fix-french.ts docs/fr/steps/05-new-page.md ...
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

function fixText(text: string): string {
  return text
    .replace(/ +:(?=\s|$)/g, `${NBSP}:`)
    .replace(/ +([;!?])/g, `${NNBSP}$1`)
    .replace(/« +/g, `«${NBSP}`)
    .replace(/ +»/g, `${NBSP}»`)
    .replace(/(\p{L})'(?=\p{L}|[*_]+\p{L})/gu, '$1’');
}

/** Fix the prose of one line, leaving code spans, tags and link targets alone. */
function fixLine(line: string): string {
  const protectedParts = /(`+[^`]*`+|<[^>]*>|\]\([^)]*\)|\{\{.*?\}\})/g;
  let out = '';
  let last = 0;
  for (const match of line.matchAll(protectedParts)) {
    let prose = fixText(line.slice(last, match.index));
    // "l'`accept()`": an apostrophe just before a code span, but never one inside it (`'close'`).
    if (match[0].startsWith('`')) prose = prose.replace(/(\p{L})'$/u, '$1’');
    out += prose + match[0];
    last = match.index + match[0].length;
  }
  return out + fixText(line.slice(last));
}

export function fixFrench(source: string): string {
  let fence: string | null = null;
  return source
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
        return line;
      }
      if (marker) {
        fence = marker;
        // A code block's [title] is shown to the reader: it is prose.
        return line.replace(/\[[^\]]*\]/, (title) => fixText(title));
      }
      if (/^\s*(<<<|<!--|:::)/.test(line)) return line;
      return fixLine(line);
    })
    .join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) {
    const before = fs.readFileSync(file, 'utf8');
    const after = fixFrench(before);
    if (after !== before) {
      fs.writeFileSync(file, after);
      console.log(`fixed ${file}`);
    }
  }
}
