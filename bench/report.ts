/**
 * What a run prints and writes: aligned tables (the same text on the
 * terminal and in bench/RESULTS.md) of the medians of each scenario's runs
 * with their spread, the ratios to the floor and to the naive server, the
 * targets judged on the medians, and the raw results as JSON.
 */
import { exactlyOnce, missing } from './cross.ts';
import type { Machine } from './proc.ts';
import type { Measured, RunResult } from './scenarios.ts';
import { FINAL_OPTIONS, SERVERS } from './servers.ts';
import { SERVER_NODE_FLAGS } from '../final/launch.ts';
import { type Group, groupRuns, median, medianRun, range } from './summary.ts';

export interface Report {
  date: string;
  /** Load average (1 min) when the run started and ended: other work on the machine. */
  load: [number, number];
  command: string;
  quick: boolean;
  /** How many times each scenario ran on each server. */
  runs: number;
  machine: Machine;
  /** redis-server's version, when the shared room ran. */
  redis?: string;
  pinned: boolean;
  openFiles: number;
  skipped: string[];
  errors: string[];
  results: RunResult[];
  seconds: number;
}

const NAIVE = SERVERS.naive.label;
const FINAL = SERVERS.final.label;
const FLOOR = SERVERS.floor.label;
const PYTHON = SERVERS.python.label;
const SHARED = SERVERS.redis.label;

/** A Markdown table with padded columns, readable as plain text too. */
export function table(headers: string[], rows: string[][], right = headers.map((_, i) => i > 1)): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (right[i] ? `${'-'.repeat(width + 1)}:` : `${'-'.repeat(width + 2)}`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** 1234567 → "1.23 M", 12345 → "12.3 k". */
export function si(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value >= 1e6) return `${(value / 1e6).toFixed(value >= 1e7 ? 1 : 2)} M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(value >= 1e4 ? 1 : 2)} k`;
  return value.toFixed(0);
}

/** Milliseconds with a precision that suits them. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

const mib = (bytes: number) => (Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(1) : '–');
const kib = (bytes: number) => (Number.isFinite(bytes) ? (bytes / 1024).toFixed(1) : '–');
const us = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : '–');
const ratio = (value: number, base: number | undefined) => (base && Number.isFinite(value) && Number.isFinite(base) ? `${(value / base).toFixed(2)}×` : '–');

/** How each measure is read off one run. */
const cpuOf = (run: RunResult) => run.measured?.cpuUsPerDelivery;
const p99Of = (run: RunResult) => run.measured?.latency.p99;
const heldOf = (run: RunResult) => run.capacity?.held;
const perConnectionOf = (run: RunResult) => run.idle?.rssPerConnection;
const arrivalOf = (run: RunResult) => run.idle?.arrivalPerConnection;

/** The runs of every scenario and server, summed up. */
class Summary {
  readonly groups: Group[];
  constructor(results: RunResult[]) {
    this.groups = groupRuns(results);
  }

  find(scenario: string, server: string): Group | undefined {
    return this.groups.find((group) => group.scenario === scenario && group.server === server);
  }

  /** The median of one measure over the runs of a scenario on a server. */
  median(scenario: string, server: string, get: (run: RunResult) => number | undefined): number | undefined {
    const group = this.find(scenario, server);
    return group ? median(group.runs.map(get)) : undefined;
  }

  /**
   * The floor of a scenario for a measure where less is better: the floor
   * server's median; in the steady fan-out, the cheaper of the floor and step
   * 04 (one write per message and member costs no more there than a flush).
   */
  floor(scenario: string, get: (run: RunResult) => number | undefined): { value: number; server: string } | undefined {
    const candidates = this.find(scenario, FLOOR)?.kind === 'steady' ? [FLOOR, NAIVE] : [FLOOR];
    const values = candidates
      .map((server) => ({ server, value: this.median(scenario, server, get) }))
      .filter((c): c is { server: string; value: number } => c.value !== undefined && Number.isFinite(c.value));
    return values.sort((a, b) => a.value - b.value)[0];
  }

  /** Servers in a stable order: final, the floor, step 04, manual.py, then the others. */
  servers(): string[] {
    const order = (server: string) => [FINAL, FLOOR, NAIVE, PYTHON].indexOf(server) >>> 0;
    return [...new Set(this.groups.map((group) => group.server))].filter((server) => server !== SHARED).sort((a, b) => order(a) - order(b));
  }
}

/** The table of the measured scenarios (a), (a′), (b), (b′), (d): one row per scenario and server, medians over the runs. */
export function trafficTable(summary: Summary): string {
  const rows = summary.groups
    .filter((group) => group.runs.some((run) => run.measured))
    .map((group) => {
      const runs = group.runs.filter((run) => run.measured);
      const all = (get: (m: Measured) => number) => runs.map((run) => get(run.measured!));
      const mid = (get: (m: Measured) => number) => median(all(get));
      const cpu = mid((m) => m.cpuUsPerDelivery);
      const floor = summary.floor(group.scenario, cpuOf);
      return [
        `${group.scenario} ${group.kind}`,
        group.server,
        String(median(runs.map((run) => run.connected))),
        String(runs.length),
        si(mid((m) => m.deliveriesPerS)),
        ms(mid((m) => m.latency.p50)),
        ms(mid((m) => m.latency.p99)),
        range(
          all((m) => m.latency.p99),
          ms,
        ),
        ms(mid((m) => m.latency.max)),
        String(all((m) => m.lost).reduce((a, b) => a + b, 0)),
        String(all((m) => m.corrupt).reduce((a, b) => a + b, 0)),
        us(cpu),
        range(
          all((m) => m.cpuUsPerDelivery),
          us,
        ),
        group.server === FLOOR ? '1.00×' : ratio(cpu, floor?.value),
        ratio(cpu, summary.median(group.scenario, NAIVE, cpuOf)),
        mid((m) => m.intact / Math.max(1, m.reads)).toFixed(1),
        mib(median(runs.map((run) => run.peakRss))),
        `${mid((m) => m.harnessCpuS).toFixed(2)}${runs.some((run) => run.measured!.harnessBound) ? ' !' : ''}`,
        mid((m) => m.otherCpuS).toFixed(2),
      ];
    });
  return table(
    [
      'scenario',
      'server',
      'N',
      'runs',
      'deliv/s',
      'p50 ms',
      'p99 ms',
      'p99 range',
      'max ms',
      'lost',
      'corrupt',
      'µs/deliv',
      'µs range',
      'vs floor',
      'vs step 04',
      'deliv/read',
      'peak MiB',
      'harness CPU s',
      'other CPU s',
    ],
    rows,
  );
}

const holdsMark = (step: { p99Ms: number; lost: number; corrupt: number }) => (step.lost === 0 && step.corrupt === 0 && step.p99Ms <= 50 ? '✓' : '✗');

export function capacityTable(summary: Summary): string {
  const rows = summary.groups
    .filter((group) => group.runs.some((run) => run.capacity))
    .map((group) => {
      const held = median(group.runs.map(heldOf));
      const typical = medianRun(group.runs, heldOf).capacity!;
      const at = typical.steps.find((step) => step.rate === typical.held)?.measured;
      const base = (server: string) => summary.median(group.scenario, server, heldOf);
      return [
        `${group.scenario} capacity`,
        group.server,
        String(group.runs[0]!.connected),
        String(group.runs.length),
        si(held),
        range(group.runs.map(heldOf), si),
        ratio(held, base(FLOOR)),
        ratio(held, base(NAIVE)),
        ratio(held, base(PYTHON)),
        typical.failed === null ? 'not reached' : si(typical.failed),
        at ? ms(at.latency.p99) : '–',
        at ? us(at.cpuUsPerDelivery) : '–',
        typical.steps.map((step) => `${si(step.rate)}${step.aborted ? '✗' : holdsMark(step)}`).join(' '),
      ];
    });
  return table(
    [
      'scenario',
      'server',
      'N',
      'runs',
      'held msg/s',
      'held range',
      'vs floor',
      'vs step 04',
      'vs manual.py',
      'failed at',
      'p99 ms',
      'µs/deliv',
      'steps of the median run (✓ held, ✗ failed)',
    ],
    rows,
  );
}

export function idleTable(summary: Summary): string {
  const rows = summary.groups
    .filter((group) => group.runs.some((run) => run.idle))
    .map((group) => {
      const runs = group.runs.filter((run) => run.idle);
      const perConnection = median(runs.map(perConnectionOf));
      const mid = (get: (run: RunResult) => number) => median(runs.map(get));
      return [
        'e idle',
        group.server,
        `${mid((run) => run.connected)} / ${runs[0]!.clients}`,
        String(runs.length),
        (mid((run) => run.connectMs) / 1000).toFixed(2),
        mid((run) => run.connectCpuS.server).toFixed(2),
        mid((run) => run.connectCpuS.harness).toFixed(2),
        mib(mid((run) => run.idle!.rss)),
        kib(median(runs.map(arrivalOf))),
        kib(perConnection),
        range(runs.map(perConnectionOf), kib),
        group.server === FLOOR ? '1.00×' : ratio(perConnection, summary.floor(group.scenario, perConnectionOf)?.value),
        mib(mid((run) => run.peakRss)),
      ];
    });
  return table(
    [
      'scenario',
      'server',
      'connected',
      'runs',
      'connect s',
      'server CPU s',
      'harness CPU s',
      'RSS MiB',
      'KiB / conn. on arrival',
      'KiB / conn. idle',
      'KiB range',
      'vs floor',
      'peak MiB',
    ],
    rows,
  );
}

/**
 * Two final servers sharing the room through Redis, beside one final server
 * in the same scenario: both servers' CPU and Redis's, and the deliveries
 * from one server's clients to the other's (the median run of each).
 */
export function sharedTable(summary: Summary): string {
  const scenarios = [...new Set(summary.groups.filter((group) => group.server === SHARED).map((group) => group.scenario))];
  const rows = scenarios.flatMap((scenario) =>
    [FINAL, SHARED].flatMap((server) => {
      const group = summary.find(scenario, server);
      if (!group) return [];
      const result = medianRun(group.runs, cpuOf);
      const m = result.measured;
      if (!m) return [];
      const alone = summary.median(scenario, FINAL, cpuOf);
      const between = m.deliveries?.cross;
      const parts = (values: number[], format: (v: number) => string) => (values.length > 1 ? values.map(format).join(' / ') : '–');
      return [
        [
          `${result.scenario} ${result.kind}`,
          result.server,
          String(result.connected),
          si(m.deliveriesPerS),
          ms(m.latency.p50),
          ms(m.latency.p99),
          String(m.lost),
          String(m.corrupt),
          between ? `${between.received} / ${between.owed}` : '–',
          m.deliveries ? String(m.deliveries.cross.repeated + m.deliveries.local.repeated) : '–',
          m.serverCpuS.toFixed(2),
          parts(m.cpuByProcess, (v) => v.toFixed(2)),
          us(m.cpuUsPerDelivery),
          server === FINAL ? '1.00×' : ratio(m.cpuUsPerDelivery, alone),
          mib(result.peakRss),
          parts(
            result.processes.map((process) => process.peakRss),
            mib,
          ),
        ],
      ];
    }),
  );
  return table(
    [
      'scenario',
      'setup',
      'N',
      'deliv/s',
      'p50 ms',
      'p99 ms',
      'lost',
      'corrupt',
      'A ↔ B received / owed',
      'repeated',
      'CPU s',
      'CPU s A / B / Redis',
      'µs/deliv',
      'vs final',
      'peak MiB',
      'peak MiB A / B / Redis',
    ],
    rows,
  );
}

/** The measures of the headline: scenario, what, how it is read off a run, how it is written. */
const MEASURES: { label: string; scenario: string; get: (run: RunResult) => number | undefined; format: (v: number) => string }[] = [
  { label: '(a) fan-out, N = 500: server µs per delivery', scenario: 'a500', get: cpuOf, format: us },
  { label: '(a) fan-out, N = 1000: deliveries/s', scenario: 'a1000', get: (run) => run.measured?.deliveriesPerS, format: si },
  { label: '(a′) steady fan-out, N = 500: server µs per delivery', scenario: 's500', get: cpuOf, format: us },
  { label: '(b) chatter, N = 500: server µs per delivery', scenario: 'b500', get: cpuOf, format: us },
  { label: '(b) chatter, N = 500: p99 latency, ms', scenario: 'b500', get: p99Of, format: ms },
  { label: '(b′) a class, N = 30: p99 latency, ms', scenario: 'k30', get: p99Of, format: ms },
  { label: '(c) capacity, N = 500: msg/s held', scenario: 'c500', get: heldOf, format: si },
  { label: '(d) interleaving: corrupt lines', scenario: 'd10', get: (run) => run.measured?.corrupt, format: String },
  { label: '(e) idle: connections made', scenario: 'e', get: (run) => run.connected, format: String },
  { label: '(e) idle: KiB of RSS per connection, on arrival', scenario: 'e', get: arrivalOf, format: kib },
  { label: '(e) idle: KiB of RSS per connection, once idle', scenario: 'e', get: perConnectionOf, format: kib },
];

/** The headline as one table: a row per measure, a column per server, medians, with the ratio to the floor in brackets. */
export function headlineTable(summary: Summary): string {
  const servers = summary.servers();
  const rows = MEASURES.map(({ label, scenario, get, format }) => [
    label,
    ...servers.map((server) => {
      const value = summary.median(scenario, server, get);
      if (value === undefined || !Number.isFinite(value)) return '–';
      const floor = summary.median(scenario, FLOOR, get);
      return server === FLOOR || !floor ? format(value) : `${format(value)} (${ratio(value, floor)})`;
    }),
  ]).filter((cells) => cells.slice(1).some((cell) => cell !== '–'));
  return table(
    ['measure (median)', ...servers],
    rows,
    ['', ...servers].map((_, i) => i > 0),
  );
}

/** The targets, judged on the medians: the final server against the floor, then against the naive server. */
export function headline(results: RunResult[]): string[] {
  const summary = new Summary(results);
  const lines: string[] = [];
  const check = (ok: boolean | undefined) => (ok === undefined ? '?' : ok ? 'met' : 'NOT met');
  const versusFloor = (scenario: string, label: string, get: (run: RunResult) => number | undefined, format: (v: number) => string, target: number) => {
    const final = summary.median(scenario, FINAL, get);
    const floor = summary.floor(scenario, get);
    if (final === undefined || !Number.isFinite(final) || !floor) return;
    const r = final / floor.value;
    const of = floor.server === FLOOR ? 'the floor' : `${floor.server} (the cheaper floor here)`;
    lines.push(`- ${label}: final ${format(final)}, ${r.toFixed(2)}× ${of} (${format(floor.value)}), target ≤ ${target.toFixed(2)}×: ${check(r <= target)}`);
  };
  versusFloor('a500', 'CPU per delivery, fan-out N = 500 (µs)', cpuOf, us, 1.1);
  versusFloor('s500', 'CPU per delivery, steady fan-out N = 500 (µs)', cpuOf, us, 1.1);
  versusFloor('b500', 'CPU per delivery, chatter N = 500 (µs)', cpuOf, us, 1.1);
  versusFloor('b500', 'p99 latency, chatter N = 500 (ms)', p99Of, ms, 1.2);
  versusFloor('e', 'RSS per idle connection (KiB)', perConnectionOf, kib, 1.15);
  const classP99 = summary.median('k30', FINAL, p99Of);
  if (classP99 !== undefined) lines.push(`- p99 latency, a class of 30: ${ms(classP99)} ms for final, target < 1 ms: ${check(classP99 < 1)}`);

  const cpuRatio = (scenario: string, target: number, label: string) => {
    const final = summary.median(scenario, FINAL, cpuOf);
    const naive = summary.median(scenario, NAIVE, cpuOf);
    if (final === undefined || naive === undefined) return;
    const r = final / naive;
    lines.push(
      `- ${label}: final uses ${r.toFixed(2)}× the CPU per delivery of step 04 (${us(final)} vs ${us(naive)} µs), target ≤ ${target}×: ${check(r <= target)}`,
    );
  };
  cpuRatio('a500', 1, 'CPU, fan-out N = 500');
  cpuRatio('b500', 0.4, 'CPU, chatter N = 500');
  const finalHeld = summary.median('c500', FINAL, heldOf) ?? summary.median('c100', FINAL, heldOf);
  if (finalHeld !== undefined) {
    for (const other of [NAIVE, PYTHON]) {
      const base = summary.median('c500', other, heldOf) ?? summary.median('c100', other, heldOf);
      if (base === undefined) continue;
      const r = base ? finalHeld / base : Infinity;
      lines.push(
        `- Capacity: final holds ${si(finalHeld)} msg/s, ${Number.isFinite(r) ? `${r.toFixed(1)}×` : 'more than'} ${other} (${si(base)}), target ≥ 2×: ${check(r >= 2)}`,
      );
    }
  }
  const chatterP99 = summary.median('b500', FINAL, p99Of);
  if (chatterP99 !== undefined) lines.push(`- p99 latency, chatter N = 500: ${ms(chatterP99)} ms for final, target < 10 ms: ${check(chatterP99 < 10)}`);
  const finals = results.filter((result) => result.server === FINAL);
  if (finals.length) {
    const measuredRuns = finals.flatMap((result) => [
      result.measured,
      ...(result.capacity?.steps.filter((step) => step.rate <= result.capacity!.held).map((step) => step.measured) ?? []),
    ]);
    const lostTotal = measuredRuns.reduce((sum, m) => sum + (m?.lost ?? 0), 0);
    const corruptTotal = measuredRuns.reduce((sum, m) => sum + (m?.corrupt ?? 0), 0);
    const closed = finals.reduce((sum, result) => sum + result.closed, 0);
    lines.push(
      `- Final, every run of every scenario: ${lostTotal} lost, ${corruptTotal} corrupt, ${closed} connection(s) dropped: ${check(lostTotal === 0 && corruptTotal === 0 && closed === 0)}`,
    );
  }
  for (const shared of results.filter((result) => result.server === SHARED && result.measured)) {
    const m = shared.measured!;
    const alone = summary.median(shared.scenario, FINAL, cpuOf);
    const between = m.deliveries?.cross;
    const once = m.deliveries ? exactlyOnce(m.deliveries) : false;
    lines.push(
      `- Two final servers through Redis, ${shared.scenario} ${shared.kind}${shared.run ? ` run ${shared.run}` : ''}, N = ${shared.connected}: ${m.lost} lost, ${m.corrupt} corrupt, ` +
        `${between ? `${between.received} of ${between.owed} deliveries between the servers` : 'deliveries not checked'}, ${m.deliveries ? m.deliveries.cross.repeated + m.deliveries.local.repeated : '?'} repeated, ` +
        `${shared.closed} connection(s) dropped, every delivery exactly once: ${check(once && m.lost === 0 && m.corrupt === 0 && shared.closed === 0)}; ` +
        `${us(m.cpuUsPerDelivery)} µs of CPU per delivery, both servers and Redis${alone ? ` (one final server: ${us(alone)}, ${(m.cpuUsPerDelivery / alone).toFixed(2)}×)` : ''}` +
        (between && missing(between) ? `; ${missing(between)} missing between the servers` : ''),
    );
  }
  const idleRss = summary.median('e', FINAL, (run) => run.idle?.rss);
  const idleConnected = summary.median('e', FINAL, (run) => run.connected);
  if (idleRss !== undefined && idleConnected !== undefined && Number.isFinite(idleRss)) {
    lines.push(
      `- Idle: ${idleConnected} connections on final take ${mib(idleRss)} MiB RSS in total` +
        (idleConnected >= 10000 ? `, target < 100 MiB: ${check(idleRss < 100 * 2 ** 20)}` : ''),
    );
  }
  return lines;
}

export function renderTables(report: Report): string {
  const summary = new Summary(report.results);
  const tables = [trafficTable(summary), capacityTable(summary), idleTable(summary)];
  if (summary.groups.some((group) => group.server === SHARED)) tables.push(sharedTable(summary));
  return [...tables, headlineTable(summary)].join('\n\n');
}

const machineLine = (report: Report) =>
  `${report.machine.cores} cores (${report.machine.cpu}), ${report.machine.memoryGiB} GiB, Node ${report.machine.node}, ${report.machine.kernel}`;

/** bench/RESULTS.md: the last full run. */
export function resultsMarkdown(report: Report): string {
  const summary = new Summary(report.results);
  const shared = summary.groups.some((group) => group.server === SHARED);
  return `# Benchmark results

The last full run of \`${report.command}\`, on ${report.date.slice(0, 10)}; it took ${Math.round(report.seconds)} s.
How to read it: [docs/performance.md](../docs/performance.md).

- Machine: ${machineLine(report)}; load average ${report.load.map((value) => value.toFixed(1)).join(' at the start, ')} at the end.
- ${report.pinned ? 'Each server pinned to core 0, the load generator to core 1 (taskset).' : 'Not pinned (no taskset): server and load generator share the cores.'}
- Each scenario ran ${report.runs} time${report.runs > 1 ? 's' : ''} on each server, the servers taking turns; the tables give the median
  of each measure over the runs, and its spread (lowest–highest) where it says *range*; the targets are judged on the medians.
- Servers: \`final/server.ts\` (compiled with esbuild, run by \`node ${SERVER_NODE_FLAGS.join(' ')}\` as \`npm start\` does) with \`${FINAL_OPTIONS.join(' ')}\`, every other guard at its default;
  *floor*: \`bench/floor/relay.ts\`, the least a Node server can do for the same work (the final protocol's handshake and
  framing, the same batching, nothing else), and \`bench/floor/hold.ts\` for idle connections (it takes the nickname, then only holds the socket), run with the same node flags;
  \`steps/04-threads-async/server.ts\` (step 04, the naive server, compiled the same way); the manual's Python server
  \`manual/chatroom.py\` (\`python3 -u\`); ngircd with the configuration in \`bench/servers.ts\`;
  *${SHARED}*: two of those final servers with \`--redis\`, sharing one room through one redis-server${report.redis ? ` ${report.redis}` : ''}
  (no persistence), all three on core 0, the clients taking turns between the servers.
${report.skipped.map((line) => `- Skipped: ${line}.\n`).join('')}${report.errors.map((line) => `- Error: ${line}\n`).join('')}
## Headline

${headlineTable(summary)}

${headline(report.results).join('\n')}

## (a) fan-out, (a′) steady fan-out, (b) chatter, (b′) a class, (d) interleaving

${trafficTable(summary)}

## (c) capacity

${capacityTable(summary)}

## (e) idle connections

${idleTable(summary)}

*server CPU s* and *harness CPU s*: what the server and the load generator used while the clients connected.
*on arrival*: RSS per connection once the last client has joined and the join notices have stopped; *idle*: after they sat idle for 15 s (none with --quick), time for V8's memory reducer to give back the garbage the arrivals made (it acts 8 to 15 s after them). The target is judged on *idle*.
${
  shared
    ? `
## Two final servers sharing the room through Redis

${sharedTable(summary)}

The median run of each, beside one final server in the same scenario. *A ↔ B* counts the deliveries
from the clients of one server to the clients of the other, message by message: each receiver must get each message
of each sender once, in the sender's order; *repeated* counts the deliveries that came again or out of order, on
either path. *CPU s* sums both servers and redis-server, *vs final* compares its µs per delivery to one final server's;
*peak MiB* sums the three processes' peaks.
`
    : ''
}
Columns: *deliv/s* counts messages received, summed over the receivers; latencies run from the
send to the receipt; *lost* is owed minus received after a bounded wait, *corrupt* the lines
that hold a cut message or two glued ones, both summed over the runs; *µs/deliv* is the server's
user + system time during the measurement (/proc/<pid>/stat) per delivery, *vs floor* its ratio to the
floor's (in the steady fan-out, to the cheaper of the floor and step 04), *vs step 04* to the naive
server's; *deliv/read* the deliveries per read of a receiver (how well the server batches its writes);
*peak MiB* is the server's VmHWM; *harness CPU s* is the load generator's own, marked ! when it used
more than 90 % of its core in some run (it may have been the limit); *other CPU s* is what the rest of
the machine used meanwhile (/proc/stat): noise.
`;
}
