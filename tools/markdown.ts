// The course texts are markdown for the docs site; in a terminal, show them
// plainly: code blocks indented, VitePress code imports as file pointers or,
// resolved, as the code they import.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Style } from './style.ts';
import { ROOT } from '../checker/target.ts';

/** A VitePress code import: `<<< @/../steps/02-broadcast/server.ts#broadcast`. */
const CODE_IMPORT = /^<<< @\/\.\.\/(\S+?)(?:#(\S+))?\s*$/;

export interface CodeImport {
  /** From the repository's root: "steps/02-broadcast/server.ts". */
  file: string;
  region?: string;
}

/** Every code import in a text, to check that the files and regions exist. */
export function codeImports(markdown: string): CodeImport[] {
  return markdown.split('\n').flatMap((line) => {
    const match = CODE_IMPORT.exec(line.trim());
    if (!match) return [];
    return [{ file: match[1]!, ...(match[2] && { region: match[2] }) }];
  });
}

/** Markdown as a terminal shows it best. */
export function toTerminal(markdown: string, style: Style): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of markdown.trimEnd().split('\n')) {
    if (line.trimStart().startsWith('```')) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(`    ${style.cyan(line)}`);
      continue;
    }
    const codeImport = CODE_IMPORT.exec(line.trim());
    if (codeImport) {
      out.push(`    → ${style.cyan(codeImport[1] + (codeImport[2] ? `#${codeImport[2]}` : ''))}`);
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      out.push(style.bold(heading[1]!));
      continue;
    }
    // Inline code: coloured when colours are on, else its backticks stay.
    out.push(
      line.replace(/``\s(.+?)\s``|`([^`]+)`/g, (whole, doubled?: string, single?: string) => (style.level > 0 ? style.cyan(doubled ?? single ?? '') : whole)),
    );
  }
  return out.join('\n');
}

/**
 * An exercise's text as `npm run exercise` prints it: without the paragraph
 * and the code block that tell the student to run `npm run exercise` (they
 * just did); the docs page keeps them.
 */
export function withoutStartCommand(markdown: string): string {
  const paragraphs = markdown.split(/\n\s*\n/);
  const start = paragraphs.findIndex((part) => /^```\w*\n\s*npm run exercise\b[^\n]*\n```$/.test(part.trim()));
  if (start === -1) return markdown;
  return paragraphs.filter((_, index) => index !== start && index !== start - 1).join('\n\n');
}

/** A region's marker line: "// #region name", "  # #endregion name". */
export const REGION_MARK = /^\s*(\/\/|#) #(end)?region\b/;

/**
 * The code a VitePress import shows: the whole file, or the lines between
 * `#region name` and `#endregion name`, without the markers of other regions,
 * de-indented. Undefined when the file or the region is missing.
 */
export function importedCode({ file, region }: CodeImport, root = ROOT): string | undefined {
  let source: string;
  try {
    source = readFileSync(path.join(root, file), 'utf8');
  } catch {
    return undefined;
  }
  let lines = source.split('\n');
  if (region) {
    const start = lines.findIndex((line) => new RegExp(`^\\s*(//|#) #region ${region}\\s*$`).test(line));
    const end = lines.findIndex((line, i) => i > start && new RegExp(`^\\s*(//|#) #endregion ${region}\\s*$`).test(line));
    if (start === -1 || end === -1) return undefined;
    lines = lines.slice(start + 1, end);
  }
  lines = lines.filter((line) => !REGION_MARK.test(line));
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length));
  return lines
    .map((line) => line.slice(Number.isFinite(indent) ? indent : 0))
    .join('\n')
    .trimEnd();
}

/** Markdown with the code of each import after it, in a fenced block (the import line stays as its caption). */
export function resolveImports(markdown: string, root = ROOT): string {
  return markdown
    .split('\n')
    .map((line) => {
      const match = CODE_IMPORT.exec(line.trim());
      if (!match) return line;
      const codeImport: CodeImport = { file: match[1]!, ...(match[2] && { region: match[2] }) };
      const code = importedCode(codeImport, root);
      if (code === undefined) return line;
      const language = path.extname(codeImport.file).slice(1);
      return `${line}\n\`\`\`${language}\n${code}\n\`\`\``;
    })
    .join('\n');
}
