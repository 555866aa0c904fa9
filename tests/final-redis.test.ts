// Several final servers, one chatroom, through a real Redis started for the tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enter } from '../course/final/checks.ts';
import { expectOneLineError } from '../course/common.ts';
import { Lab, type RunningServer } from '../checker/lab.ts';
import { hasRedis, TestRedis } from '../checker/redis.ts';
import { referenceTarget } from '../checker/target.ts';

const available = hasRedis();
// CI on Linux (.ci/run) must run them; the Windows and macOS jobs run test:portable, which leaves them out.
if (!available && process.env.CI && process.platform === 'linux')
  throw new Error('redis-server is missing: .ci/run installs it (apt-get install redis-server)');
if (!available) console.warn('Skipping the Redis tests: redis-server is not installed (apt-get install redis-server).');

describe.skipIf(!available)('final/ servers sharing one room through Redis', () => {
  let redis: TestRedis;
  let lab: Lab;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  // Each test gets its own lab (servers, clients) and a fresh Redis.
  const withLab = (run: () => Promise<void>) => async () => {
    lab = new Lab(referenceTarget('final'));
    try {
      await run();
    } finally {
      await lab.cleanup();
      await redis.stop();
      await redis.restart();
    }
  };
  const servers = (count: number): Promise<RunningServer[]> =>
    Promise.all(Array.from({ length: count }, () => lab.startServer({ REDIS_URL: redis.url, FLOOD_BURST: '100' })));

  it(
    'fans out across three servers, exactly once and in order per sender',
    withLab(async () => {
      const [a, b, c] = await servers(3);
      const alice = await enter(lab, a!, 'alice');
      const bob = await enter(lab, b!, 'bob');
      const carol = await enter(lab, c!, 'carol');
      await alice.readUntil('*** joined carol\n');
      carol.send('carol says hi\n');
      for (const peer of [alice, bob, carol]) await peer.readUntil('carol: carol says hi\n');
      const lines = Array.from({ length: 30 }, (_, i) => `message ${i}`);
      alice.send(lines.map((line) => `${line}\n`).join(''));
      for (const peer of [alice, bob, carol]) for (const line of lines) await peer.readUntil(`alice: ${line}\n`);
      bob.send('/list\n');
      await bob.readUntil('*** online alice bob carol\n');
      // Exactly once: each line appears once in what bob received.
      for (const line of lines) expect(bob.received.split(`alice: ${line}\n`).length).toBe(2);
    }),
  );

  it(
    'gives a nickname to exactly one of two clients racing for it on two servers',
    withLab(async () => {
      const [a, b] = await servers(2);
      for (let round = 0; round < 5; round++) {
        const nick = `Zoé${round}`;
        const [one, two] = await Promise.all([lab.connect(a!, 'on A'), lab.connect(b!, 'on B')]);
        await Promise.all([one.readUntil('NICK\n'), two.readUntil('NICK\n')]);
        one.send(`${nick}\n`);
        two.send(`${nick.toUpperCase()}\n`);
        const outcome = await Promise.all(
          [one, two].map((peer) => peer.readUntil(/\*\*\* (welcome|error nick-taken) /).then(() => peer.received.includes('*** welcome'))),
        );
        expect(outcome.filter(Boolean)).toHaveLength(1);
      }
    }),
  );

  it(
    'sends /msg to someone on another server, and only to them',
    withLab(async () => {
      const [a, b] = await servers(2);
      const alice = await enter(lab, a!, 'alice');
      const bob = await enter(lab, b!, 'bob');
      const carol = await enter(lab, b!, 'carol');
      await alice.readUntil('*** joined carol\n');
      alice.send('/msg BOB psst, across servers\n');
      await bob.readUntil('alice -> bob: psst, across servers\n');
      await alice.readUntil('alice -> bob: psst, across servers\n');
      alice.send('a public marker\n');
      const seen = await carol.readUntil('alice: a public marker\n');
      expect(seen).not.toContain('psst');
      bob.send('/nick robert\n');
      await alice.readUntil('*** renamed bob robert\n');
      alice.send('/msg robert still you?\n');
      await bob.readUntil('alice -> robert: still you?\n');
    }),
  );

  it(
    'announces the members of a server killed with kill -9 within 15 s, and frees their nicknames',
    withLab(async () => {
      const [a, b] = await servers(2);
      const alice = await enter(lab, a!, 'alice');
      await enter(lab, b!, 'bob');
      await alice.readUntil('*** joined bob\n');
      const killed = Date.now();
      b!.program.signal('SIGKILL');
      await alice.readUntil('*** left bob split\n', 15000);
      expect(Date.now() - killed).toBeLessThan(15000);
      // The key expires with the same delay: soon after, "bob" can join again.
      const deadline = Date.now() + 5000;
      for (;;) {
        const again = await lab.connect(a!, 'bob again');
        await again.readUntil('NICK\n');
        again.send('bob\n');
        const answer = await again.readUntil(/\*\*\* (welcome|error nick-taken) /);
        if (again.received.includes('*** welcome')) break;
        expect(Date.now(), `bob's nickname still taken: ${answer}`).toBeLessThan(deadline);
        again.destroy();
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }),
    30000,
  );

  it(
    'keeps each server chatting while Redis is down, says the room is split, then whole again',
    withLab(async () => {
      const [a, b] = await servers(2);
      const alice = await enter(lab, a!, 'alice');
      const anna = await enter(lab, a!, 'anna');
      const bob = await enter(lab, b!, 'bob');
      await alice.readUntil('*** joined bob\n');
      await redis.stop();
      await alice.readUntil('*** split\n');
      await bob.readUntil('*** split\n');
      alice.send('only A hears this\n');
      await anna.readUntil('alice: only A hears this\n');
      await redis.restart();
      await alice.readUntil('*** whole\n', 15000);
      await bob.readUntil('*** whole\n', 15000);
      bob.send('B is back\n');
      await alice.readUntil('bob: B is back\n');
      expect(bob.received).not.toContain('only A hears this');
    }),
    40000,
  );

  it(
    'renames one of two people who took the same nickname on the two sides of a split',
    withLab(async () => {
      const [a, b] = await servers(2);
      const watcher = await enter(lab, a!, 'watcher');
      await redis.stop();
      await watcher.readUntil('*** split\n');
      const onA = await enter(lab, a!, 'zoe');
      const onB = await enter(lab, b!, 'ZOE');
      await redis.restart();
      for (const peer of [onA, onB]) await peer.readUntil('*** whole\n', 15000);
      // The one whose server found the name taken is told, and renamed for all to see.
      await watcher.readUntil('*** renamed ', 10000);
      const [who] = (await watcher.readUntil('\n')).split(' ');
      expect(['zoe', 'ZOE'], `renamed ${who}`).toContain(who);
      // The loser is told on its own connection (which may lag behind the watcher's); the winner never is.
      const [loser, winner] = who === 'zoe' ? [onA, onB] : [onB, onA];
      await loser.readUntil('*** error nick-taken ');
      winner.send('/list\n');
      await winner.readUntil('*** online ');
      expect(winner.received).not.toContain('*** error nick-taken');
      // The other server's member comes back with its next beat (every 3 s).
      const deadline = Date.now() + 8000;
      for (;;) {
        watcher.send('/list\n');
        await watcher.readUntil(/\*\*\* online [^\n]*\n/);
        const list = [...watcher.received.matchAll(/\*\*\* online ([^\n]*)\n/g)].at(-1)![1]!;
        if (list.split(' ').length === 3) break;
        expect(Date.now(), `still ${list}`).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }),
    40000,
  );

  it(
    'masks the Redis password in the log, and logs a kick (who, why) on the kicked member’s server',
    withLab(async () => {
      const url = redis.url.replace('redis://', 'redis://:hunter2@');
      const [a, b] = await Promise.all([0, 1].map(() => lab.startServer({ REDIS_URL: url, OP_PASSWORD: 'chalk' })));
      await a!.program.output.readUntil(/redis sharing the room through redis:\/\/:\*\*\*@127\.0\.0\.1/);
      const teacher = await enter(lab, a!, 'teacher');
      const bob = await enter(lab, b!, 'bob');
      await teacher.readUntil('*** joined bob\n');
      teacher.send('/op chalk\n');
      await teacher.readUntil('*** operator teacher\n');
      teacher.send('/kick bob enough for today\n');
      await bob.inbox.waitClosed();
      await b!.program.output.readUntil(/kicked bob from 127\.0\.0\.1:\d+ by teacher \(enough for today\)\n/);
      await redis.stop();
      await a!.program.output.readUntil(/redis-lost redis:\/\/:\*\*\*@127\.0\.0\.1/);
      for (const server of [a!, b!]) expect(server.program.output.all.toString()).not.toContain('hunter2');
    }),
  );

  it('refuses to start when --redis points nowhere, in one line', async () => {
    const lonely = new Lab(referenceTarget('final'));
    try {
      const { program } = await lonely.spawnServer({ REDIS_URL: 'redis://127.0.0.1:1' });
      await expectOneLineError(program, 'Redis');
    } finally {
      await lonely.cleanup();
    }
  });
});
