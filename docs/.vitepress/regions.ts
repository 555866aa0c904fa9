// Code regions, as VitePress reads them in `<<< @/../steps/01-socket/server.ts#listen`.
// VitePress 1.6 silently includes the whole file when a region is misspelt or
// its end marker lacks the name: the build and the parity test both use this
// check so that such a mistake fails loudly instead.
import fs from 'node:fs';

/** Why `region` cannot be imported from `file`, or null when it can. */
export function regionProblem(file: string, region: string): string | null {
  if (!fs.existsSync(file)) return `${file} does not exist`;
  const lines = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim());
  const start = lines.indexOf(`// #region ${region}`);
  if (start === -1) return `${file} has no "// #region ${region}" line`;
  const end = lines.indexOf(`// #endregion ${region}`, start + 1);
  if (end === -1) return `${file} has "// #region ${region}" but no "// #endregion ${region}" after it`;
  if (lines.indexOf(`// #region ${region}`, start + 1) !== -1) return `${file} has two regions named ${region}`;
  return null;
}

/** Every region name opened in `file`, in order. */
export function regionsIn(file: string): string[] {
  const names: string[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*\/\/ #region (\S+)\s*$/.exec(line);
    if (match?.[1]) names.push(match[1]);
  }
  return names;
}
