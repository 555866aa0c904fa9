/**
 * The servers under test: how to start each one on a loopback port, pinned to
 * core 0 when taskset exists, and how to stop it whatever happens (every
 * child is killed when the harness exits, Ctrl+C included). One setup is two
 * final servers sharing one room through a redis-server started for the run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { compile } from '../checker/compile.ts';
import { freePort, isListening } from '../checker/network.ts';
import { hasRedis, TestRedis } from '../checker/redis.ts';
import { ROOT } from '../checker/target.ts';
import { versionOf } from './proc.ts';
import { SERVER_NODE_FLAGS } from '../final/launch.ts';
import { finalProtocol, ircProtocol, manualProtocol, type Protocol } from './protocols.ts';

export type ServerKind = 'final' | 'naive' | 'python' | 'ngircd' | 'redis' | 'floor';

/**
 * The final server's options for the bench: the flood limit raised (every
 * client sends far more than a person types), no per-IP limit for loopback
 * (all the clients are on 127.0.0.1) and room for 10 000 connections. Every
 * other guard keeps its default: line length, UTF-8 check, sanitising, the
 * 1 MiB slow-consumer limit, the timeouts.
 */
export const FINAL_OPTIONS = ['--flood-burst', '1000000', '--flood-rate', '1000000', '--loopback-unlimited', '--max-clients', '20000'];

export interface ServerSpec {
  kind: ServerKind;
  label: string;
  protocol: Protocol;
  /**
   * The command for `port`, in a temporary directory of its own; `redis`, the
   * URL of the Redis of a shared room; `idle`, for the idle scenario (the floor
   * is then a server that only holds its connections).
   */
  command(port: number, dir: string, redis?: string, idle?: boolean): { argv: string[]; env?: Record<string, string> };
  /** Servers sharing one room through a Redis started for the run (the clients take turns between them); one when absent. */
  shared?: number;
}

const BUILD_DIR = path.join(ROOT, 'node_modules/.cache/chatroom-bench');
const compiled = (file: string) => path.join(BUILD_DIR, file.replace(/\.ts$/, '.mjs'));
const finalCommand = (port: number, more: string[] = []) => ({
  argv: [process.execPath, ...SERVER_NODE_FLAGS, compiled('final/server.ts'), '--host', '127.0.0.1', '--port', String(port), ...FINAL_OPTIONS, ...more],
});

export const SERVERS: Record<ServerKind, ServerSpec> = {
  final: {
    kind: 'final',
    label: 'final',
    protocol: finalProtocol,
    command: (port) => finalCommand(port),
  },
  naive: {
    kind: 'naive',
    label: 'step 04',
    protocol: manualProtocol,
    command: (port) => ({ argv: [process.execPath, compiled('steps/04-threads-async/server.ts')], env: { HOST: '127.0.0.1', PORT: String(port) } }),
  },
  python: {
    kind: 'python',
    label: 'manual.py',
    protocol: manualProtocol,
    command: (port) => ({ argv: ['python3', '-u', path.join(ROOT, 'manual/chatroom.py')], env: { PORT: String(port) } }),
  },
  ngircd: {
    kind: 'ngircd',
    label: 'ngircd',
    protocol: ircProtocol,
    command: (port, dir) => {
      const conf = path.join(dir, 'ngircd.conf');
      writeFileSync(conf, ngircdConfig(port));
      return { argv: ['ngircd', '--nodaemon', '--config', conf] };
    },
  },
  floor: {
    kind: 'floor',
    label: 'floor',
    protocol: finalProtocol,
    command: (port, _dir, _redis, idle) => ({
      // The final server's V8 flags, so that the comparison is of code, not of flags.
      argv: [process.execPath, ...SERVER_NODE_FLAGS, compiled(idle ? 'bench/floor/hold.ts' : 'bench/floor/relay.ts')],
      env: { HOST: '127.0.0.1', PORT: String(port) },
    }),
  },
  redis: {
    kind: 'redis',
    label: 'final ×2 + Redis',
    protocol: finalProtocol,
    shared: 2,
    command: (port, _dir, redis = 'redis://nowhere') => finalCommand(port, ['--redis', redis]),
  },
};

/**
 * ngircd's configuration: loopback only, no limit of connections per IP, no
 * penalties (MaxPenaltyTime 0) and relaxed flood protection for every user
 * (user mode F, which DefaultUserModes may set since ngircd 23), no DNS,
 * ident or PAM lookups, no ping during a run.
 */
export function ngircdConfig(port: number): string {
  return `[Global]
Name = bench.irc
Info = chatroom benchmark
Listen = 127.0.0.1
Ports = ${port}
MotdPhrase = bench
AdminInfo1 = bench
AdminInfo2 = bench
AdminEMail = bench@localhost
[Limits]
MaxConnections = 0
MaxConnectionsIP = 0
MaxJoins = 0
MaxPenaltyTime = 0
PingTimeout = 600
PongTimeout = 600
[Options]
DNS = no
Ident = no
PAM = no
DefaultUserModes = F
`;
}

/** Why a server cannot run here, or null when it can. */
export function unavailable(kind: ServerKind): string | null {
  if (kind === 'python' && !versionOf('python3', ['--version'])) return 'python3 is not installed';
  if (kind === 'ngircd' && !versionOf('ngircd', ['--version'])) return 'ngircd is not installed (Debian: apt-get install ngircd)';
  if (kind === 'redis' && !hasRedis()) return 'redis-server is not installed (Debian: apt-get install redis-server)';
  return null;
}

/** Compile final/, step 04 and the floor once with esbuild, so that they start from plain node (no tsx loader in their CPU and RSS). */
export async function prepare(): Promise<void> {
  await compile(
    ['final/server.ts', 'steps/04-threads-async/server.ts', 'bench/floor/relay.ts', 'bench/floor/hold.ts'].map((file) => path.join(ROOT, file)),
    BUILD_DIR,
    ROOT,
  );
}

const running = new Set<ChildProcess>();

/** Kill every server still running (exit, Ctrl+C, a crash of the harness). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

export interface Server {
  spec: ServerSpec;
  pid: number;
  port: number;
  /** Stop it and wait for it to be gone. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Cores to pin the server to (taskset -c), if any. */
  cores?: string;
  /** Extra node options (--cpu-prof...), for the Node servers. */
  nodeOptions?: string[];
  /** The Redis URL of a shared room. */
  redis?: string;
  /** For the idle scenario. */
  idle?: boolean;
}

/** Start a server on `port` and wait until it listens (read from /proc/net/tcp: a test connection would be a client). */
export async function startServer(spec: ServerSpec, port: number, { cores, nodeOptions = [], redis, idle }: StartOptions = {}): Promise<Server> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `chatroom-bench-${spec.kind}-`));
  const { env, ...command } = spec.command(port, dir, redis, idle);
  let { argv } = command;
  if (argv[0] === process.execPath) argv = [argv[0], ...nodeOptions, ...argv.slice(1)];
  if (cores) argv = ['taskset', '-c', cores, ...argv];
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'], // their logs would cost a pipe reader here; errors are kept
  });
  running.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const stop = async () => {
    // Under --cpu-prof, the final server writes its profile when it exits cleanly, on SIGTERM.
    const profiled = (spec.kind === 'final' || spec.kind === 'redis') && nodeOptions.length > 0;
    if (child.exitCode === null && child.signalCode === null) child.kill(profiled ? 'SIGTERM' : 'SIGKILL');
    await Promise.race([exited, sleep(10000).then(() => child.kill('SIGKILL'))]);
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = performance.now() + 10000;
  for (;;) {
    const early = await Promise.race([
      spawnError,
      exited.then(() => new Error(`exited with ${child.exitCode ?? child.signalCode}`)),
      sleep(20).then(() => null),
    ]);
    if (early) {
      await stop();
      throw new Error(`${spec.label} did not start: ${early.message}${stderr ? `\n${stderr.trim()}` : ''}`);
    }
    if (await isListening(port, '127.0.0.1')) break;
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`${spec.label} did not listen on port ${port} within 10 s${stderr ? `\n${stderr.trim()}` : ''}`);
    }
  }
  // With taskset, the server is the process that taskset execs: same pid.
  return { spec, pid: child.pid!, port, stop };
}

/** What serves the room in one run: one server, or several sharing it through Redis. */
export interface Setup {
  spec: ServerSpec;
  /** Where the clients connect: one port per server. */
  ports: number[];
  /** Every process that serves the room, for its CPU and memory: the servers, then redis-server. */
  processes: { label: string; pid: number }[];
  /** Stop every process, and wait for them to be gone. */
  stop(): Promise<void>;
}

/** Start a setup on free ports; whatever fails, what was already started is stopped before the error is thrown. */
export async function startSetup(spec: ServerSpec, options: Omit<StartOptions, 'redis'> = {}): Promise<Setup> {
  const count = spec.shared ?? 1;
  const servers: Server[] = [];
  let redis: TestRedis | undefined;
  const stop = async () => {
    const stopped = await Promise.allSettled(servers.map((server) => server.stop()));
    await redis?.stop(); // the servers first: they would say "split" to no one
    const failed = stopped.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    if (spec.shared) redis = await TestRedis.start({ cores: options.cores });
    // The servers start together (half a second each): keep those that did, to stop them if another did not.
    const started = await Promise.allSettled(Array.from({ length: count }, async () => startServer(spec, await freePort(), { ...options, redis: redis?.url })));
    for (const outcome of started) if (outcome.status === 'fulfilled') servers.push(outcome.value);
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  const names = count > 1 ? servers.map((_, i) => `${spec.label.split(' ')[0]} ${String.fromCharCode(65 + i)}`) : [spec.label];
  const processes = servers.map((server, i) => ({ label: names[i]!, pid: server.pid }));
  if (redis?.pid !== undefined) processes.push({ label: 'redis-server', pid: redis.pid });
  return { spec, ports: servers.map((server) => server.port), processes, stop };
}
