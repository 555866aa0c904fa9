/**
 * Several runs of one scenario on one server, summed up: the tables show the
 * median of each measure, with its spread (lowest–highest), and judge the
 * targets on the medians, so that one noisy run decides nothing.
 */
import type { RunResult, ScenarioKind } from './scenarios.ts';

/** The runs of one scenario on one server. */
export interface Group {
  scenario: string;
  kind: ScenarioKind;
  server: string;
  runs: RunResult[];
}

/** The runs, grouped by scenario and server, in the order they first appear. */
export function groupRuns(results: RunResult[]): Group[] {
  const groups = new Map<string, Group>();
  for (const result of results) {
    const key = `${result.scenario}\u0000${result.server}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { scenario: result.scenario, kind: result.kind, server: result.server, runs: [] }));
    group.runs.push(result);
  }
  return [...groups.values()];
}

/** The values that are numbers (a run that measured nothing gives NaN or undefined). */
const finite = (values: (number | undefined)[]): number[] => values.filter((v): v is number => v !== undefined && Number.isFinite(v));

/** The median of the finite values (the mean of the two middle ones for an even count); NaN when there is none. */
export function median(values: (number | undefined)[]): number {
  const sorted = finite(values).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Lowest and highest of the finite values; NaN, NaN when there is none. */
export function spread(values: (number | undefined)[]): [number, number] {
  const numbers = finite(values);
  return numbers.length ? [Math.min(...numbers), Math.max(...numbers)] : [NaN, NaN];
}

/** "1.30–1.41" (or the one value when there was one run, or they agree), with `format` for each bound. */
export function range(values: (number | undefined)[], format: (value: number) => string): string {
  const [low, high] = spread(values);
  if (!Number.isFinite(low)) return '–';
  return format(low) === format(high) ? format(low) : `${format(low)}–${format(high)}`;
}

/**
 * The run whose `get` is the median (the lower middle one for an even count):
 * the table's other columns come from it, so that a row is one real run.
 */
export function medianRun(runs: RunResult[], get: (run: RunResult) => number | undefined): RunResult {
  const measured = runs.filter((run) => Number.isFinite(get(run) ?? NaN)).sort((a, b) => get(a)! - get(b)!);
  if (measured.length === 0) return runs[0]!;
  return measured[(measured.length - 1) >> 1]!;
}
