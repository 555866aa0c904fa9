// What a server of a Redis-shared room trusts, and what it does not: the channel, nickname claims across a split, bans, stopping.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enter } from '../course/final/checks.ts';
import { Lab, type RunningServer } from '../checker/lab.ts';
import { Peer } from '../checker/peer.ts';
import { hasRedis, TestRedis } from '../checker/redis.ts';
import { referenceTarget } from '../checker/target.ts';

const available = hasRedis();
if (!available && process.env.CI) throw new Error('redis-server is missing: .ci/run installs it (apt-get install redis-server)');

describe.skipIf(!available)('final/ servers sharing a room through Redis trust only what they should', () => {
  let redis: TestRedis;
  let lab: Lab;
  let sockets: net.Socket[] = [];
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  const withLab = (run: () => Promise<void>) => async () => {
    lab = new Lab(referenceTarget('final'));
    try {
      await run();
    } finally {
      for (const socket of sockets) socket.destroy();
      sockets = [];
      await lab.cleanup();
      await redis.stop();
      await redis.restart();
    }
  };
  const env = () => ({ REDIS_URL: redis.url, FLOOD_BURST: '100', OP_PASSWORD: 'chalk', BAN_SECONDS: '60' });
  /** A client that behaves like nc: it keeps its side open after the server closes its own. */
  const ncLike = (server: RunningServer, who: string): Promise<Peer> =>
    new Promise((resolve, reject) => {
      const socket = net.connect({ port: server.port, host: server.host, allowHalfOpen: true });
      sockets.push(socket);
      socket.once('connect', () => resolve(new Peer(socket, who)));
      socket.once('error', reject);
    });
  const enterNcLike = async (server: RunningServer, nick: string): Promise<Peer> => {
    const peer = await ncLike(server, nick);
    await peer.readUntil('NICK\n');
    peer.send(`${nick}\n`);
    await peer.readUntil(/\*\*\* welcome \S+ \d+\n/);
    return peer;
  };
  const servers = (count: number): Promise<RunningServer[]> => Promise.all(Array.from({ length: count }, () => lab.startServer(env())));

  it(
    'stops on SIGTERM within a few seconds after a cross-server kick',
    withLab(async () => {
      const [a, b] = await servers(2);
      const teacher = await enter(lab, a!, 'teacher');
      const student = await enterNcLike(b!, 'student');
      const watcher = await enter(lab, b!, 'watcher');
      await teacher.readUntil('*** joined watcher\n');
      teacher.send('/op chalk\n');
      await watcher.readUntil('*** operator teacher\n');
      teacher.send('/kick student\n');
      await watcher.readUntil('*** kicked student teacher\n');
      const again = await ncLike(b!, 'student again');
      await again.readUntil(/\*\*\* error banned \d+\n/);
      b!.program.signal('SIGTERM');
      const exit = await b!.program.waitExit(8000);
      expect(exit.code).toBe(0);
    }),
    40000,
  );

  it(
    'stops on SIGTERM within a few seconds while Redis is unreachable',
    withLab(async () => {
      const [a] = await servers(1);
      const alice = await enterNcLike(a!, 'alice');
      await redis.stop();
      await alice.readUntil('*** split\n');
      a!.program.signal('SIGTERM');
      const exit = await a!.program.waitExit(8000);
      expect(exit.code).toBe(0);
    }),
    40000,
  );
});
