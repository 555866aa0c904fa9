// A line diff, as `diff -u` prints it, small enough to read: the student's
// file against the reference, in the terminal.

export type DiffLine = { kind: ' ' | '-' | '+'; text: string };

/** The longest common subsequence's edit script, line by line (files of a few hundred lines). */
export function diffLines(before: string[], after: string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  // common[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  const common = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      common[i]![j] = before[i] === after[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      out.push({ kind: ' ', text: before[i++]! });
      j++;
    } else if (i < n && (j === m || common[i + 1]![j]! >= common[i]![j + 1]!)) out.push({ kind: '-', text: before[i++]! });
    else out.push({ kind: '+', text: after[j++]! });
  }
  return out;
}

/**
 * The changes with `context` unchanged lines around each, in hunks headed
 * "@@ -a,b +c,d @@"; empty when the texts are the same.
 */
export function unifiedDiff(before: string, after: string, context = 2): string[] {
  const lines = diffLines(before.split('\n'), after.split('\n'));
  const changed = lines.map((line, index) => (line.kind === ' ' ? -1 : index)).filter((index) => index !== -1);
  if (changed.length === 0) return [];
  const out: string[] = [];
  let index = 0;
  while (index < changed.length) {
    const start = Math.max(0, changed[index]! - context);
    let end = Math.min(lines.length, changed[index]! + context + 1);
    while (index + 1 < changed.length && changed[index + 1]! - context <= end) end = Math.min(lines.length, changed[++index]! + context + 1);
    index++;
    const oldStart = lines.slice(0, start).filter((line) => line.kind !== '+').length + 1;
    const newStart = lines.slice(0, start).filter((line) => line.kind !== '-').length + 1;
    const hunk = lines.slice(start, end);
    out.push(`@@ -${oldStart},${hunk.filter((l) => l.kind !== '+').length} +${newStart},${hunk.filter((l) => l.kind !== '-').length} @@`);
    for (const line of hunk) out.push(`${line.kind}${line.text}`);
  }
  return out;
}
