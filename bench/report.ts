/**
 * What a run prints and writes: aligned tables (the same text on the
 * terminal and in bench/RESULTS.md), the headline ratios against the naive
 * server, and the raw results as JSON.
 */
import { exactlyOnce, missing } from './cross.ts';
import type { Machine } from './proc.ts';
import { type Measured, type RunResult } from './scenarios.ts';
import { FINAL_OPTIONS, SERVERS } from './servers.ts';

export interface Report {
  date: string;
  /** Load average (1 min) when the run started and ended: other work on the machine. */
  load: [number, number];
  command: string;
  quick: boolean;
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

const NAIVE = 'step 04';
const FINAL = 'final';
const PYTHON = 'manual.py';
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
const ratio = (value: number, base: number | undefined) => (base && Number.isFinite(value) && Number.isFinite(base) ? `${(value / base).toFixed(2)}×` : '–');

function find(results: RunResult[], scenario: string, server: string): RunResult | undefined {
  return results.find((result) => result.scenario === scenario && result.server === server);
}

/** Deliveries per second, p50, p95, p99 and max latency, lost, corrupt. */
const deliveryCells = (m: Measured): string[] => [
  si(m.deliveriesPerS),
  ms(m.latency.p50),
  ms(m.latency.p95),
  ms(m.latency.p99),
  ms(m.latency.max),
  String(m.lost),
  String(m.corrupt),
];
const usPerDelivery = (m: Measured): string => (Number.isFinite(m.cpuUsPerDelivery) ? m.cpuUsPerDelivery.toFixed(3) : '–');

/** The table of the measured scenarios (a), (b), (d): one row per scenario and server. */
export function trafficTable(results: RunResult[]): string {
  const rows = results
    .filter((result) => result.measured)
    .map((result) => {
      const m = result.measured!;
      const naive = find(results, result.scenario, NAIVE)?.measured;
      return [
        `${result.scenario} ${result.kind}`,
        result.server,
        String(result.connected),
        (result.connectMs / 1000).toFixed(2),
        ...deliveryCells(m),
        m.serverCpuS.toFixed(2),
        usPerDelivery(m),
        ratio(m.cpuUsPerDelivery, naive?.cpuUsPerDelivery),
        (m.intact / Math.max(1, m.reads)).toFixed(1),
        mib(result.peakRss),
        `${m.harnessCpuS.toFixed(2)}${m.harnessBound ? ' !' : ''}`,
        m.otherCpuS.toFixed(2),
      ];
    });
  return table(
    [
      'scenario',
      'server',
      'N',
      'connect s',
      'deliv/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'lost',
      'corrupt',
      'CPU s',
      'µs/deliv',
      'vs step 04',
      'deliv/read',
      'peak MiB',
      'harness CPU s',
      'other CPU s',
    ],
    rows,
  );
}

export function capacityTable(results: RunResult[]): string {
  const capacities = results.filter((result) => result.capacity);
  const heldBy = (server: string) => capacities.find((result) => result.server === server)?.capacity?.held;
  const rows = capacities.map((result) => {
    const c = result.capacity!;
    const at = c.steps.find((step) => step.rate === c.held)?.measured;
    return [
      `${result.scenario} capacity`,
      result.server,
      String(result.connected),
      si(c.held),
      ratio(c.held, heldBy(NAIVE)),
      ratio(c.held, heldBy(PYTHON)),
      c.failed === null ? 'not reached' : si(c.failed),
      at ? si(at.deliveriesPerS) : '–',
      at ? ms(at.latency.p99) : '–',
      at && Number.isFinite(at.cpuUsPerDelivery) ? at.cpuUsPerDelivery.toFixed(3) : '–',
      at ? `${at.harnessCpuS.toFixed(2)}${at.harnessBound ? ' !' : ''}` : '–',
      c.steps.map((step) => `${si(step.rate)}${step.aborted ? '✗' : holdsMark(step)}`).join(' '),
    ];
  });
  return table(
    [
      'scenario',
      'server',
      'N',
      'held msg/s',
      'vs step 04',
      'vs manual.py',
      'failed at',
      'deliv/s',
      'p99 ms',
      'µs/deliv',
      'harness CPU s',
      'steps (✓ held, ✗ failed)',
    ],
    rows,
  );
}

const holdsMark = (step: { p99Ms: number; lost: number; corrupt: number }) => (step.lost === 0 && step.corrupt === 0 && step.p99Ms <= 50 ? '✓' : '✗');

export function idleTable(results: RunResult[]): string {
  const rows = results
    .filter((result) => result.idle)
    .map((result) => {
      const idle = result.idle!;
      return [
        'e idle',
        result.server,
        `${result.connected} / ${result.clients}`,
        (result.connectMs / 1000).toFixed(2),
        mib(idle.rss),
        (idle.rssPerConnection / 1024).toFixed(1),
        mib(result.peakRss),
      ];
    });
  return table(['scenario', 'server', 'connected', 'connect s', 'RSS MiB', 'KiB / connection', 'peak MiB'], rows);
}

/**
 * Two final servers sharing the room through Redis, beside one final server
 * in the same scenario: both servers' CPU and Redis's, and the deliveries
 * from one server's clients to the other's.
 */
export function sharedTable(results: RunResult[]): string {
  const scenarios = [...new Set(results.filter((result) => result.server === SHARED).map((result) => result.scenario))];
  const rows = scenarios.flatMap((scenario) =>
    [FINAL, SHARED].flatMap((server) => {
      const result = find(results, scenario, server);
      const m = result?.measured;
      if (!result || !m) return [];
      const alone = find(results, scenario, FINAL)?.measured;
      const between = m.deliveries?.cross;
      const parts = (values: number[], format: (v: number) => string) => (values.length > 1 ? values.map(format).join(' / ') : '–');
      return [
        [
          `${result.scenario} ${result.kind}`,
          result.server,
          String(result.connected),
          ...deliveryCells(m),
          between ? `${between.received} / ${between.owed}` : '–',
          m.deliveries ? String(m.deliveries.cross.repeated + m.deliveries.local.repeated) : '–',
          m.serverCpuS.toFixed(2),
          parts(m.cpuByProcess, (v) => v.toFixed(2)),
          usPerDelivery(m),
          server === FINAL ? '1.00×' : ratio(m.cpuUsPerDelivery, alone?.cpuUsPerDelivery),
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
      'p95 ms',
      'p99 ms',
      'max ms',
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

/** The headline as one table: a row per measure, a column per server, ratios to step 04 in brackets (the shared room has its own table). */
export function headlineTable(results: RunResult[]): string {
  const servers = [...new Set(results.map((result) => result.server))].filter((server) => server !== SHARED).sort((a, b) => order(a) - order(b));
  const cell = (value: number | undefined, base: number | undefined, format: (v: number) => string) =>
    value === undefined || !Number.isFinite(value)
      ? '–'
      : base && Number.isFinite(base) && base !== value
        ? `${format(value)} (${(value / base).toFixed(2)}×)`
        : format(value);
  const row = (label: string, get: (server: string) => number | undefined, format: (v: number) => string) => [
    label,
    ...servers.map((server) => cell(get(server), server === NAIVE ? undefined : get(NAIVE), format)),
  ];
  const measured = (scenario: string) => (server: string) => find(results, scenario, server)?.measured;
  const rows = [
    row(
      '(a) fan-out, N = 500: server µs per delivery',
      (s) => measured('a500')(s)?.cpuUsPerDelivery,
      (v) => v.toFixed(3),
    ),
    row('(a) fan-out, N = 1000: deliveries/s', (s) => measured('a1000')(s)?.deliveriesPerS, si),
    row(
      '(b) chatter, N = 500: server µs per delivery',
      (s) => measured('b500')(s)?.cpuUsPerDelivery,
      (v) => v.toFixed(3),
    ),
    row('(b) chatter, N = 500: p99 latency, ms', (s) => measured('b500')(s)?.latency.p99, ms),
    row('(c) capacity, N = 500: msg/s held', (s) => results.find((r) => r.capacity && r.server === s)?.capacity?.held, si),
    row(
      '(d) interleaving: corrupt lines',
      (s) => measured('d10')(s)?.corrupt,
      (v) => String(v),
    ),
    row(
      '(e) idle: connections made',
      (s) => find(results, 'e', s)?.connected,
      (v) => String(v),
    ),
    row(
      '(e) idle: KiB of RSS per connection',
      (s) => find(results, 'e', s)?.idle?.rssPerConnection,
      (v) => (v / 1024).toFixed(1),
    ),
  ].filter((cells) => cells.slice(1).some((cell) => cell !== '–'));
  return table(
    ['measure', ...servers],
    rows,
    ['', ...servers].map((_, i) => i > 0),
  );
}

const order = (server: string) => [FINAL, NAIVE, PYTHON].indexOf(server) >>> 0; // others last

/** The headline: the final server against the naive one, target by target. */
export function headline(results: RunResult[]): string[] {
  const lines: string[] = [];
  const cpu = (scenario: string, server: string) => find(results, scenario, server)?.measured?.cpuUsPerDelivery;
  const check = (ok: boolean | undefined) => (ok === undefined ? '?' : ok ? 'met' : 'NOT met');
  const cpuRatio = (scenario: string, target: number, label: string) => {
    const final = cpu(scenario, FINAL);
    const naive = cpu(scenario, NAIVE);
    if (final === undefined || naive === undefined) return;
    const r = final / naive;
    lines.push(
      `- ${label}: final uses ${r.toFixed(2)}× the CPU per delivery of step 04 (${final.toFixed(3)} vs ${naive.toFixed(3)} µs), target ≤ ${target}×: ${check(r <= target)}`,
    );
  };
  cpuRatio('a500', 1, 'CPU, fan-out N = 500');
  cpuRatio('b500', 0.4, 'CPU, chatter N = 500');
  const held = (server: string) => results.find((result) => result.capacity && result.server === server)?.capacity?.held;
  const finalHeld = held(FINAL);
  if (finalHeld !== undefined) {
    for (const other of [NAIVE, PYTHON]) {
      const base = held(other);
      if (base === undefined) continue;
      const r = base ? finalHeld / base : Infinity;
      lines.push(
        `- Capacity: final holds ${si(finalHeld)} msg/s, ${Number.isFinite(r) ? `${r.toFixed(1)}×` : 'more than'} ${other} (${si(base)}), target ≥ 2×: ${check(r >= 2)}`,
      );
    }
  }
  const chatter = find(results, 'b500', FINAL)?.measured;
  if (chatter) lines.push(`- p99 latency, chatter N = 500: ${ms(chatter.latency.p99)} ms for final, target < 10 ms: ${check(chatter.latency.p99 < 10)}`);
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
      `- Final, every scenario: ${lostTotal} lost, ${corruptTotal} corrupt, ${closed} connection(s) dropped: ${check(lostTotal === 0 && corruptTotal === 0 && closed === 0)}`,
    );
  }
  for (const shared of results.filter((result) => result.server === SHARED && result.measured)) {
    const m = shared.measured!;
    const alone = find(results, shared.scenario, FINAL)?.measured;
    const between = m.deliveries?.cross;
    const once = m.deliveries ? exactlyOnce(m.deliveries) : false;
    const versus = (value: number, base: number | undefined, format: (v: number) => string) =>
      alone && base !== undefined ? ` (one final server: ${format(base)}, ${(value / base).toFixed(2)}×)` : '';
    lines.push(
      `- Two final servers through Redis, ${shared.scenario} ${shared.kind}, N = ${shared.connected}: ${m.lost} lost, ${m.corrupt} corrupt, ` +
        `${between ? `${between.received} of ${between.owed} deliveries between the servers` : 'deliveries not checked'}, ${m.deliveries ? m.deliveries.cross.repeated + m.deliveries.local.repeated : '?'} repeated, ` +
        `${shared.closed} connection(s) dropped, every delivery exactly once: ${check(once && m.lost === 0 && m.corrupt === 0 && shared.closed === 0)}; ` +
        `${si(m.deliveriesPerS)} deliveries/s${versus(m.deliveriesPerS, alone?.deliveriesPerS, si)}, p99 ${ms(m.latency.p99)} ms${versus(m.latency.p99, alone?.latency.p99, ms)}, ` +
        `${m.cpuUsPerDelivery.toFixed(3)} µs of CPU per delivery, both servers and Redis${versus(m.cpuUsPerDelivery, alone?.cpuUsPerDelivery, (v) => v.toFixed(3))}` +
        (between && missing(between) ? `; ${missing(between)} missing between the servers` : ''),
    );
  }
  const idle = finals.find((result) => result.idle);
  if (idle) {
    lines.push(
      `- Idle: ${idle.connected} connections on final take ${mib(idle.idle!.rss)} MiB RSS in total (${(idle.idle!.rssPerConnection / 1024).toFixed(1)} KiB each)` +
        (idle.connected >= 10000 ? `, target < 100 MiB: ${check(idle.idle!.rss < 100 * 2 ** 20)}` : ''),
    );
  }
  return lines;
}

const hasShared = (results: RunResult[]) => results.some((result) => result.server === SHARED);

export function renderTables(report: Report): string {
  const tables = [trafficTable(report.results), capacityTable(report.results), idleTable(report.results)];
  if (hasShared(report.results)) tables.push(sharedTable(report.results));
  return [...tables, headlineTable(report.results)].join('\n\n');
}

const machineLine = (report: Report) =>
  `${report.machine.cores} cores (${report.machine.cpu}), ${report.machine.memoryGiB} GiB, Node ${report.machine.node}, ${report.machine.kernel}`;

/** bench/RESULTS.md: the last full run. */
export function resultsMarkdown(report: Report): string {
  return `# Benchmark results

The last full run of \`${report.command}\`, on ${report.date.slice(0, 10)}; it took ${Math.round(report.seconds)} s.
How to read it: [docs/performance.md](../docs/performance.md).

- Machine: ${machineLine(report)}; load average ${report.load.map((value) => value.toFixed(1)).join(' at the start, ')} at the end.
- ${report.pinned ? 'Each server pinned to core 0, the load generator to core 1 (taskset).' : 'Not pinned (no taskset): server and load generator share the cores.'}
- Servers: \`final/server.ts\` (compiled with esbuild, run by node) with \`${FINAL_OPTIONS.join(' ')}\`, every other guard at its default;
  \`steps/04-threads-async/server.ts\` (step 04, the naive server, compiled the same way); the manual's Python server
  \`manual/chatroom.py\` (\`python3 -u\`); ngircd with the configuration in \`bench/servers.ts\`;
  *${SHARED}*: two of those final servers with \`--redis\`, sharing one room through one redis-server${report.redis ? ` ${report.redis}` : ''}
  (no persistence), all three on core 0, the clients taking turns between the servers.
${report.skipped.map((line) => `- Skipped: ${line}.\n`).join('')}${report.errors.map((line) => `- Error: ${line}\n`).join('')}
## Headline

${headlineTable(report.results)}

${headline(report.results).join('\n')}

## (a) fan-out, (b) chatter, (d) interleaving

${trafficTable(report.results)}

## (c) capacity

${capacityTable(report.results)}

## (e) idle connections

${idleTable(report.results)}
${
  hasShared(report.results)
    ? `
## Two final servers sharing the room through Redis

${sharedTable(report.results)}

Each row with Redis beside one final server in the same scenario, from the same run. *A ↔ B* counts the deliveries
from the clients of one server to the clients of the other, message by message: each receiver must get each message
of each sender once, in the sender's order; *repeated* counts the deliveries that came again or out of order, on
either path. *CPU s* sums both servers and redis-server, *vs final* compares its µs per delivery to one final server's;
*peak MiB* sums the three processes' peaks.
`
    : ''
}
Columns: *deliv/s* counts messages received, summed over the receivers; latencies run from the
send to the receipt; *lost* is owed minus received after a bounded wait, *corrupt* the lines
that hold a cut message or two glued ones; *CPU s* is the server's user + system time during
the measurement (/proc/<pid>/stat), *µs/deliv* that time per delivery, *vs step 04* its ratio
to the naive server's; *deliv/read* the deliveries per read of a receiver (how well the
server batches its writes); *peak MiB* is the server's VmHWM; *harness CPU s* is the load
generator's own, marked ! when it used more than 90 % of its core (it may have been the
limit); *other CPU s* is what the rest of the machine used meanwhile (/proc/stat): noise.
`;
}
