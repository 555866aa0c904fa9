/**
 * The scenarios of the bench, and how one of them runs against one server:
 * start it, connect the clients, let the join notices settle, measure, stop.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type CapacityPlan, type CapacityStep, bounds, holds, nextRate } from './capacity.ts';
import type { DeliveryCheck } from './cross.ts';
import { ClientPool, drain, fullSpeed, paced } from './load.ts';
import { cpuSeconds, machineBusySeconds, memory } from './proc.ts';
import { type ServerSpec, type Setup, startSetup } from './servers.ts';
import { type Latency, latencyMs, lost } from './stats.ts';

export type ScenarioKind = 'fan-out' | 'steady' | 'chatter' | 'class' | 'capacity' | 'interleaving' | 'idle';

export interface Scenario {
  /** Short name, for --scenarios and the JSON: "a500". */
  id: string;
  kind: ScenarioKind;
  clients: number;
  /** How long the senders send (per step, for the capacity search); for idle connections, how long they sit idle before the memory is read again. */
  durationMs: number;
  /** Messages per second per client (chatter, class). */
  ratePerClient?: number;
  /** Messages per second of the one sender (steady fan-out). */
  rate?: number;
  capacity?: CapacityPlan;
  /** Full speed: messages in flight at most, and per write. */
  window?: number;
  batch?: number;
  /** Stop connecting after this long (idle connections): report how many made it. */
  connectDeadlineMs?: number;
  /** Also run it with several final servers sharing the room through Redis (the "redis" setup). */
  shared?: boolean;
}

/** Does this setup run this scenario? A shared room runs only the scenarios marked for it. */
export const runsOn = (spec: ServerSpec, scenario: Scenario): boolean => !spec.shared || scenario.shared === true;

/** The default run (about 15 minutes with five servers and three runs) or --quick (under 30 s). */
export function scenarios(quick: boolean, idleClients: number): Scenario[] {
  const window = 512;
  const capacity = (start: number, maxSteps: number): CapacityPlan => ({ start, factor: 2, refine: 2, maxSteps, min: 10, p99LimitMs: 50 });
  if (quick) {
    return [
      { id: 'a100', kind: 'fan-out', clients: 100, durationMs: 200, window, batch: 32 },
      { id: 's100', kind: 'steady', clients: 100, durationMs: 300, rate: 500 },
      { id: 'b100', kind: 'chatter', clients: 100, durationMs: 300, ratePerClient: 2, shared: true },
      { id: 'k30', kind: 'class', clients: 30, durationMs: 1000, ratePerClient: 0.5 },
      { id: 'c100', kind: 'capacity', clients: 100, durationMs: 200, capacity: capacity(400, 2) },
      { id: 'd10', kind: 'interleaving', clients: 10, durationMs: 200, window, batch: 16 },
      { id: 'e', kind: 'idle', clients: Math.min(200, idleClients), durationMs: 0, connectDeadlineMs: 2000 },
    ];
  }
  return [
    ...[100, 500, 1000].map((clients): Scenario => ({
      id: `a${clients}`,
      kind: 'fan-out',
      clients,
      durationMs: 1200,
      window,
      batch: 32,
      shared: clients === 500,
    })),
    { id: 's500', kind: 'steady', clients: 500, durationMs: 2000, rate: 1000 },
    { id: 'b500', kind: 'chatter', clients: 500, durationMs: 3000, ratePerClient: 2, shared: true },
    { id: 'k30', kind: 'class', clients: 30, durationMs: 8000, ratePerClient: 0.5 },
    { id: 'c500', kind: 'capacity', clients: 500, durationMs: 700, capacity: capacity(250, 14) },
    { id: 'd10', kind: 'interleaving', clients: 10, durationMs: 1500, window, batch: 16 },
    // Idle for 15 s: V8's memory reducer gives back the arrivals' garbage 8 to 15 s after them.
    { id: 'e', kind: 'idle', clients: idleClients, durationMs: 15000, connectDeadlineMs: 11000 },
  ];
}

export interface Measured {
  sent: number;
  expected: number;
  intact: number;
  corrupt: number;
  /** Lines that were neither a message nor damaged: notices, PINGs. */
  other: number;
  /** Chunks the receivers read (a server that batches its writes sends fewer, larger ones). */
  reads: number;
  lost: number;
  /** From the first send to the last delivery. */
  seconds: number;
  deliveriesPerS: number;
  latency: Latency;
  /** CPU of every process that serves the room (both servers and Redis, for a shared room). */
  serverCpuS: number;
  /** Each process's share of it, in the order of RunResult.processes. */
  cpuByProcess: number[];
  cpuUsPerDelivery: number;
  harnessCpuS: number;
  /** Of which in the kernel (system time): reading the sockets. */
  harnessSystemS: number;
  /** The harness used more than 90 % of its core: it, not the server, may have been the limit. */
  harnessBound: boolean;
  /** CPU seconds the rest of the machine used meanwhile (other processes, the kernel's own work): noise. */
  otherCpuS: number;
  /** With several servers: each delivery checked by message id, across servers and within each. */
  deliveries?: DeliveryCheck;
}

export interface CapacityResult {
  /** Highest rate held, messages per second (0: not even the lowest). */
  held: number;
  /** Lowest rate that failed above it (null: the search ran out of steps first). */
  failed: number | null;
  steps: (CapacityStep & { aborted: boolean; measured: Measured })[];
}

export interface RunResult {
  scenario: string;
  kind: ScenarioKind;
  server: string;
  /** Which of the --runs repetitions (1, 2...). */
  run?: number;
  clients: number;
  connected: number;
  connectMs: number;
  /** CPU seconds while the clients connected: the server's (all its processes) and the load generator's. */
  connectCpuS: { server: number; harness: number };
  /** Connections the server closed during the run. */
  closed: number;
  /** Peak RSS, summed over the processes that serve the room. */
  peakRss: number;
  /** Those processes: the server, or the servers then redis-server; each one's peak RSS. */
  processes: { label: string; peakRss: number }[];
  measured?: Measured;
  capacity?: CapacityResult;
  /** RSS before the clients, once they all arrived, and after `durationMs` idle; per connection, on arrival and idle. */
  idle?: { baselineRss: number; arrivalRss: number; rss: number; arrivalPerConnection: number; rssPerConnection: number };
}

/**
 * Handshakes in flight at once: fewer than the server's listen backlog (ngircd
 * 10, Python 128, Node 511), or the kernel drops connections and the client
 * retries a second later.
 */
const CONNECT_CONCURRENCY: Record<ServerSpec['kind'], number> = { final: 400, naive: 400, python: 64, ngircd: 8, redis: 400, floor: 400 };

export interface RunOptions {
  serverCores?: string;
  nodeOptions?: string[];
  drainMaxMs: number;
  /** Silence that tells the join notices are over, before measuring (150 ms; less for --quick, whose timings do not count). */
  settleMs?: number;
  onPhase(phase: string): void;
}

/** Run one scenario against one setup; its processes are stopped and the clients closed whatever happens. */
export async function runScenario(scenario: Scenario, spec: ServerSpec, options: RunOptions): Promise<RunResult> {
  options.onPhase('starting');
  const setup = await startSetup(spec, { cores: options.serverCores, nodeOptions: options.nodeOptions, idle: scenario.kind === 'idle' });
  const pool = new ClientPool(setup.ports, spec.protocol);
  const pid = setup.processes[0]!.pid;
  try {
    const baselineRss = memory(pid).rss;
    options.onPhase(`connecting ${scenario.clients} clients`);
    const connectStart = performance.now();
    const serverCpu = () => setup.processes.reduce((sum, process) => sum + cpuSeconds(process.pid), 0);
    const server0 = serverCpu();
    const self0 = process.cpuUsage();
    await pool.connect(scenario.clients, { concurrency: CONNECT_CONCURRENCY[spec.kind], deadlineMs: scenario.connectDeadlineMs });
    const connectMs = performance.now() - connectStart;
    const self = process.cpuUsage(self0);
    const connectCpuS = { server: serverCpu() - server0, harness: (self.user + self.system) / 1e6 };
    options.onPhase('settling');
    await pool.quiet(options.settleMs ?? 150, 20000);
    const result: RunResult = {
      scenario: scenario.id,
      kind: scenario.kind,
      server: spec.label,
      clients: scenario.clients,
      connected: pool.clients.length,
      connectMs,
      connectCpuS,
      closed: 0,
      peakRss: 0,
      processes: [],
    };
    const senders = scenario.kind === 'fan-out' || scenario.kind === 'steady' ? [0] : pool.clients.map((_, index) => index);
    if (scenario.kind === 'idle') {
      const perConnection = (rss: number) => (rss - baselineRss) / Math.max(1, pool.clients.length);
      const arrivalRss = memory(pid).rss;
      options.onPhase(`idle for ${scenario.durationMs / 1000} s`);
      await sleep(scenario.durationMs);
      const { rss } = memory(pid);
      result.idle = { baselineRss, arrivalRss, rss, arrivalPerConnection: perConnection(arrivalRss), rssPerConnection: perConnection(rss) };
    } else if (scenario.kind === 'capacity') {
      result.capacity = await searchCapacity(pool, setup, scenario, options);
    } else {
      options.onPhase('sending');
      result.measured = await measure(pool, setup, options, () =>
        scenario.kind === 'fan-out' || scenario.kind === 'interleaving'
          ? fullSpeed(pool, { senders, durationMs: scenario.durationMs, window: scenario.window!, batch: scenario.batch! })
          : paced(pool, { senders, rate: scenario.rate ?? scenario.ratePerClient! * pool.clients.length, durationMs: scenario.durationMs }),
      );
    }
    result.closed = pool.activity.closed;
    result.processes = setup.processes.map(({ label, pid }) => ({ label, peakRss: memory(pid).peak }));
    result.peakRss = result.processes.reduce((sum, process) => sum + process.peakRss, 0);
    return result;
  } finally {
    // The server first: the manual's Python server spins on a closed client's socket.
    try {
      await setup.stop();
    } finally {
      pool.destroy();
    }
  }
}

/** Count from now, run `send`, wait for the deliveries owed, and read what it all cost. */
async function measure(pool: ClientPool, setup: Setup, options: RunOptions, send: () => Promise<unknown>): Promise<Measured> {
  const counting = pool.startMeasure();
  const cpu = () => setup.processes.map(({ pid }) => cpuSeconds(pid));
  const cpu0 = cpu();
  const busy0 = machineBusySeconds();
  const self0 = process.cpuUsage();
  const start = performance.now();
  await send();
  options.onPhase('draining');
  const last = await drain(pool, { maxMs: options.drainMaxMs });
  const wall = (performance.now() - start) / 1000;
  const cpuByProcess = cpu().map((seconds, i) => seconds - cpu0[i]!);
  const serverCpuS = cpuByProcess.reduce((sum, seconds) => sum + seconds, 0);
  const self = process.cpuUsage(self0);
  const harnessCpuS = (self.user + self.system) / 1e6;
  const otherCpuS = Math.max(0, machineBusySeconds() - busy0 - serverCpuS - harnessCpuS);
  const { intact, corrupt, other, reads } = counting.counts;
  const seconds = Math.max(0.001, (last - start) / 1000);
  return {
    sent: counting.sent,
    expected: counting.expected,
    intact,
    corrupt,
    other,
    reads,
    lost: lost({ expected: counting.expected, intact, corrupt }),
    seconds,
    deliveriesPerS: intact / seconds,
    latency: latencyMs(counting.latency),
    serverCpuS,
    cpuByProcess,
    cpuUsPerDelivery: intact ? (serverCpuS * 1e6) / intact : NaN,
    harnessCpuS,
    harnessSystemS: self.system / 1e6,
    harnessBound: harnessCpuS / wall > 0.9,
    otherCpuS,
    ...(counting.tally && { deliveries: counting.tally.check() }),
  };
}

async function searchCapacity(pool: ClientPool, setup: Setup, scenario: Scenario, options: RunOptions): Promise<CapacityResult> {
  const plan = scenario.capacity!;
  const senders = pool.clients.map((_, index) => index);
  const steps: CapacityResult['steps'] = [];
  for (let rate = nextRate(steps, plan); rate !== null; rate = nextRate(steps, plan)) {
    options.onPhase(`${rate} msg/s`);
    let aborted = false;
    const measured = await measure(pool, setup, options, async () => {
      aborted = !(await paced(pool, { senders, rate, durationMs: scenario.durationMs, abortLagS: 0.25 }));
    });
    const step = { rate, p99Ms: aborted ? Infinity : measured.latency.p99, lost: measured.lost, corrupt: measured.corrupt, aborted, measured };
    steps.push(step);
    if (pool.activity.closed > 0) break; // the server dropped clients: nothing more to learn
    if (!holds(step, plan) && !(await pool.quiet(200, 5000))) break; // still busy with the failed step
  }
  const { held, failed } = bounds(steps, plan);
  return { held, failed: failed === Infinity ? null : failed, steps };
}
