/**
 * A throw-away Redis for tests and the benchmark: Debian's redis-server on a
 * free loopback port, nothing written to disk, stopped (and restartable) by
 * its user, killed with the process that started it whatever happens.
 */
import { spawnSync } from 'node:child_process';
import { freePort, isListening } from './network.ts';
import { Program } from './program.ts';

export const hasRedis = (): boolean => spawnSync('redis-server', ['--version']).status === 0;

export interface RedisOptions {
  /** Cores to pin it to (taskset -c), as the benchmark does with the servers under test. */
  cores?: string;
}

export class TestRedis {
  #program: Program | undefined;

  private constructor(
    readonly port: number,
    readonly options: RedisOptions,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Its process id, while it runs (taskset execs redis-server: the same process). */
  get pid(): number | undefined {
    return this.#program?.exit ? undefined : this.#program?.pid;
  }

  static async start(options: RedisOptions = {}): Promise<TestRedis> {
    const redis = new TestRedis(await freePort(), options);
    await redis.restart();
    return redis;
  }

  /** Start it (again, on the same port), and wait until it listens; if it does not, it is stopped. */
  async restart(): Promise<void> {
    const redis = ['redis-server', '--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const argv = this.options.cores ? ['taskset', '-c', this.options.cores, ...redis] : redis;
    const program = new Program({ argv }, {}, 'redis-server');
    this.#program = program;
    const deadline = Date.now() + 10000;
    while (!(await isListening(this.port, '127.0.0.1'))) {
      if (program.exit || Date.now() > deadline) {
        await program.stop();
        throw new Error(`redis-server did not start: ${program.lastLines()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    await this.#program?.stop();
  }
}
