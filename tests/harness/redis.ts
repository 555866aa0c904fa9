/**
 * A throw-away Redis for tests: Debian's redis-server on a free loopback
 * port, nothing written to disk, stopped (and restartable) by the test.
 */
import { spawnSync } from 'node:child_process';
import { freePort, isListening } from './network.ts';
import { Program } from './program.ts';

export const hasRedis = (): boolean => spawnSync('redis-server', ['--version']).status === 0;

export class TestRedis {
  #program: Program | undefined;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<TestRedis> {
    const redis = new TestRedis(await freePort());
    await redis.restart();
    return redis;
  }

  /** Start it (again, on the same port), and wait until it listens. */
  async restart(): Promise<void> {
    const argv = ['redis-server', '--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    this.#program = new Program({ argv }, {}, 'redis-server');
    const deadline = Date.now() + 10000;
    while (!(await isListening(this.port, '127.0.0.1'))) {
      if (this.#program.exit || Date.now() > deadline) throw new Error(`redis-server did not start: ${this.#program.lastLines()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    await this.#program?.stop();
  }
}
