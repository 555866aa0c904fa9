/**
 * npm run bench [-- --quick] [--runs 3] [--servers final,naive] [--scenarios a500,b500] [--profile] [--no-pin]
 *
 * Starts each server under test, one scenario at a time, the servers taking
 * turns so that machine noise hits them alike, and runs each scenario several
 * times (--runs), interleaved; prints tables of the medians with their spread,
 * writes the raw results to bench/results/ and, after a full run,
 * bench/RESULTS.md.
 * The "redis" setup (two final servers sharing one room through Redis) takes
 * its turn in the scenarios marked shared: a500 and b500, b100 with --quick.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ROOT } from '../checker/target.ts';
import { hasTaskset, loadAverage, machine, openFileLimit, pinSelf, versionOf } from './proc.ts';
import { type Report, headline, renderTables, resultsMarkdown } from './report.ts';
import { type RunResult, runScenario, runsOn, scenarios } from './scenarios.ts';
import { SERVERS, type ServerKind, killAll, prepare, unavailable } from './servers.ts';

// LINUX ONLY. The bench reads /proc (CPU time, memory) and pins processes
// with taskset; the course's other commands run anywhere, this one does not.
if (process.platform !== 'linux') {
  console.error('npm run bench runs on Linux only: it measures the servers through /proc.');
  process.exit(1);
}
// A thousand clients need more open files than the usual soft limit (1024):
// run this script again once under a shell that raised it to the hard limit.
// (Node cannot change its own limits; this was a `ulimit` in package.json.)
if (!process.env.CHATROOM_BENCH_ULIMIT) {
  process.on('SIGINT', () => {}); // Ctrl+C reaches the run below too: let it clean up, then exit with it
  const again = spawnSync(
    'sh',
    ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, CHATROOM_BENCH_ULIMIT: '1' },
    },
  );
  process.exit(again.status ?? 1);
}

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    servers: { type: 'string' },
    scenarios: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'no-pin': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`Usage: npm run bench -- [--quick] [--runs N] [--servers final,floor,naive,python,ngircd,redis] [--scenarios a100,a500,a1000,s500,b500,k30,c500,d10,e]
  --servers    floor: the least a Node server can do for the same work (bench/floor/), the limit the final server is held to;
               redis: two final servers sharing one room through a redis-server, in a500 and b500 (b100 with --quick)
  --runs       how many times each scenario runs, the servers taking turns (3; 1 with --quick): the tables show medians and spreads
  --quick      a short run (under 30 s), as CI does; it does not rewrite bench/RESULTS.md
  --profile    run the final server under node --cpu-prof (profiles in bench/results/profiles, redis-<scenario>/ for the shared room)
  --no-pin     do not pin the servers to core 0 and the load generator to core 1`);
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.stderr.write('\ninterrupted: servers stopped\n');
    process.exit(130);
  });
}
process.on('exit', killAll);

const started = performance.now();
const loadAtStart = loadAverage();
if (loadAtStart > 1) console.log(`The machine is busy (load average ${loadAtStart.toFixed(1)}): expect noisy numbers (see "other CPU s").`);
const quick = values.quick;
const kinds = (values.servers?.split(',') ?? ['final', 'floor', 'naive', 'python', 'ngircd', 'redis']) as ServerKind[];
for (const kind of kinds) if (!(kind in SERVERS)) throw new Error(`unknown server "${kind}" (${Object.keys(SERVERS).join(', ')})`);
const runs = Number(values.runs ?? (quick ? 1 : 3));
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number of at least 1, not "${values.runs}"`);

// 10 000 connections need 10 000 descriptors in the generator and as many in the server.
const { soft: openFiles } = openFileLimit();
const wantedIdle = quick ? 500 : 10000;
const idleClients = Number.isFinite(openFiles) ? Math.min(wantedIdle, openFiles - 200) : wantedIdle;
if (idleClients < wantedIdle) {
  console.log(
    `The open-file limit is ${openFiles} (ulimit -n): (e) runs with ${idleClients} connections instead of ${wantedIdle}. Raise it to ${wantedIdle + 200} or more (ulimit -n, /etc/security/limits.conf).`,
  );
}

let plan = scenarios(quick, idleClients);
if (values.scenarios) {
  const wanted = values.scenarios.split(',');
  plan = plan.filter((scenario) => wanted.includes(scenario.id));
}

const pinned = !values['no-pin'] && hasTaskset();
if (pinned && !pinSelf('1')) console.log('taskset could not pin the load generator: running unpinned');
const serverCores = pinned ? '0' : undefined;

const skipped: string[] = [];
const servers = kinds.filter((kind) => {
  const why = unavailable(kind);
  if (why) {
    skipped.push(`${SERVERS[kind].label}: ${why}`);
    console.log(`skipping ${SERVERS[kind].label}: ${why}`);
  }
  return !why;
});

await prepare();
const profileDir = path.join(ROOT, 'bench/results/profiles');
if (values.profile) mkdirSync(profileDir, { recursive: true });

const total = runs * plan.reduce((sum, scenario) => sum + servers.filter((kind) => runsOn(SERVERS[kind], scenario)).length, 0);
const progress = (text: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
};
const results: RunResult[] = [];
const errors: string[] = [];
let done = 0;
let round = 0;
for (const scenario of plan) {
  for (let run = 1; run <= runs; run++, round++) {
    // Take turns: each round starts with the next server, so none is always first.
    const here = servers.filter((kind) => runsOn(SERVERS[kind], scenario));
    const order = here.map((_, i) => here[(i + round) % here.length]!);
    for (const kind of order) {
      const spec = SERVERS[kind];
      const label = `[${done + 1}/${total}] ${scenario.id} ${scenario.kind}${runs > 1 ? ` (run ${run})` : ''} · ${spec.label}`;
      const runStart = performance.now();
      try {
        const result = await runScenario(scenario, spec, {
          serverCores,
          nodeOptions: !values.profile
            ? []
            : kind === 'final'
              ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=final-${scenario.id}.cpuprofile`]
              : kind === 'redis' // two servers: one profile each, named by node (with the pid), in a folder of the scenario
                ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, `redis-${scenario.id}`)}`]
                : [],
          drainMaxMs: quick ? 1000 : 3000,
          settleMs: quick ? 50 : 150,
          onPhase: (phase) => progress(`${label} · ${phase} (${((performance.now() - started) / 1000).toFixed(0)} s)`),
        });
        results.push({ ...result, run });
        // A loss may be a slow drain; a repeated or unknown message is a bug, in a server or in the harness.
        const check = result.measured?.deliveries;
        const repeated = check ? check.cross.repeated + check.local.repeated : 0;
        if (check && repeated + check.unknown > 0) {
          errors.push(`${scenario.id} ${spec.label}: ${repeated} deliveries repeated or out of order, ${check.unknown} of unknown messages`);
        }
        if (!process.stderr.isTTY) console.log(`${label}: ${((performance.now() - runStart) / 1000).toFixed(1)} s`);
      } catch (error) {
        const message = `${scenario.id} ${spec.label}: ${(error as Error).message}`;
        errors.push(message);
        progress('');
        console.log(`ERROR ${message}`);
      }
      done++;
    }
  }
}
progress('');

const report: Report = {
  date: new Date().toISOString(),
  load: [loadAtStart, loadAverage()],
  command: `npm run bench${quick || values.runs ? ` --${quick ? ' --quick' : ''}${values.runs ? ` --runs ${runs}` : ''}` : ''}`,
  quick,
  runs,
  machine: machine(),
  redis: servers.includes('redis') ? versionOf('redis-server', ['--version'])?.match(/v=(\S+)/)?.[1] : undefined,
  pinned,
  openFiles,
  skipped,
  errors,
  results,
  seconds: (performance.now() - started) / 1000,
};
console.log(`\n${renderTables(report)}\n`);
// The targets are judged on a full run: --quick is too short and too small for them.
console.log(quick ? '(quick run: the targets are judged on a full run, npm run bench)\n' : `${headline(results).join('\n')}\n`);

const resultsDir = path.join(ROOT, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
const json = path.join(resultsDir, `bench-${report.date.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
console.log(`Raw results: ${path.relative(process.cwd(), json)}`);
const full = !quick && !values.servers && !values.scenarios && !values.profile;
if (full && errors.length === 0) {
  writeFileSync(path.join(ROOT, 'bench/RESULTS.md'), resultsMarkdown(report));
  console.log('Table written to bench/RESULTS.md');
}
console.log(`Done in ${report.seconds.toFixed(0)} s.`);
process.exit(errors.length ? 1 : 0);
