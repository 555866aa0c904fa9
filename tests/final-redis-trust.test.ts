// What a server of a Redis-shared room trusts, and what it does not: the channel, nickname claims across a split, bans, stopping.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enter } from '../course/final/checks.ts';
import { nickKey } from '../final/nick.ts';
import { Lab, type RunningServer } from '../checker/lab.ts';
import { Peer } from '../checker/peer.ts';
import { hasRedis, TestRedis } from '../checker/redis.ts';
import { referenceTarget } from '../checker/target.ts';

const available = hasRedis();
// CI on Linux (.ci/run) must run them; the Windows and macOS jobs run test:portable, which leaves them out.
if (!available && process.env.CI && process.platform === 'linux')
  throw new Error('redis-server is missing: .ci/run installs it (apt-get install redis-server)');

/** Poll `done` until it holds (a state another process changes, such as a key in Redis); fail after `ms`. */
async function eventually(done: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`still not so after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!available)('final/ servers sharing a room through Redis trust only what they should', () => {
  let redis: TestRedis;
  let lab: Lab;
  let sockets: net.Socket[] = [];
  let relays: net.Server[] = [];
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
      for (const relay of relays) relay.close();
      relays = [];
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
  /** The id a server goes by on the channel, from its start-up line. */
  const serverId = async (server: RunningServer): Promise<string> => {
    await server.program.output.readUntil(' as server ');
    return (await server.program.output.readUntil('\n')).trim();
  };
  /** A raw Redis client, as anyone who can reach Redis has. */
  const rawRedis = async (): Promise<Redis> => {
    const client = new Redis(redis.url, { lazyConnect: true });
    await client.connect();
    return client;
  };
  /**
   * A TCP relay to Redis for one server: cut, that server alone loses Redis
   * (the others keep it); restored, it reconnects.
   */
  const relay = async () => {
    let down = false;
    const pairs = new Set<net.Socket>();
    const server = net.createServer((client) => {
      if (down) return client.destroy();
      const upstream = net.connect(redis.port, '127.0.0.1');
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        pairs.add(from);
        from.on('error', () => to.destroy());
        from.on('close', () => (to.destroy(), pairs.delete(from)));
        from.pipe(to);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    relays.push(server);
    return {
      url: `redis://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
      cut: () => {
        down = true;
        for (const socket of pairs) socket.destroy();
      },
      restore: () => (down = false),
    };
  };
  const servers = (count: number): Promise<RunningServer[]> => Promise.all(Array.from({ length: count }, () => lab.startServer(env())));

  it(
    'counts wrong passwords on every server: going from one to the other buys no more guesses',
    withLab(async () => {
      const [a, b] = await Promise.all([0, 1].map(() => lab.startServer({ ...env(), PASSWORD_DELAY: '0', LOCKOUT_FAILURES: '4' })));
      const onA = await enter(lab, a!, 'guesser');
      const onB = await enter(lab, b!, 'guesser2');
      onA.send('/op guess1\n');
      await onA.readUntil('*** error password-wrong 2\n');
      onA.send('/op guess2\n');
      await onA.readUntil('*** error password-wrong 1\n');
      // A line said on A after the two guesses reaches B after them (one channel, in order): B has counted both.
      onA.send('in order\n');
      await onB.readUntil('guesser: in order\n');
      await b!.program.output.readUntil(/password-wrong-elsewhere 127\.0\.0\.1/); // logged once, the next one counted
      onB.send('/op guess3\n');
      await onB.readUntil('*** error password-wrong 2\n');
      onB.send('/op guess4\n'); // the fourth in the room: locked, on B and on A
      await onB.readUntil(/\*\*\* error locked \d+\n/);
      await a!.program.output.readUntil(/locked-out 127\.0\.0\.1 .*counted on every server/);
      onA.send('/op chalk\n'); // the right one, too late
      await onA.readUntil(/\*\*\* error locked \d+\n/);
    }),
    40000,
  );

  it(
    'stops on SIGTERM within a few seconds after a cross-server kick',
    withLab(async () => {
      const [a, b] = await servers(2);
      const teacher = await enter(lab, a!, 'teacher');
      await enterNcLike(b!, 'student'); // like nc: keeps its side open once kicked
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

  it(
    'drops what a chat server would not send (escapes, forged lines, silent kicks and bans), counts it, and shows none of it',
    withLab(async () => {
      const [a, b] = await servers(2);
      const teacher = await enter(lab, a!, 'teacher');
      const bob = await enterNcLike(b!, 'bob');
      const watcher = await enterNcLike(b!, 'watcher');
      await teacher.readUntil('*** joined watcher\n');
      const s = await serverId(a!);
      const raw = await rawRedis();
      try {
        const until = Date.now() + 60000;
        const forged = [
          { s, t: 'room', line: 'teacher: \u001b[2J\u001b]0;pwned\u0007the screen is yours' }, // raw escape bytes, from a real member
          { s, t: 'room', line: 'teacher: one\rcarriage' }, // not what sanitize() leaves
          { s, t: 'room', line: 'teacher: \u009b2Jcsi' },
          { s, t: 'room', line: 'principal: class is over, go home' }, // a nick that is not on server A
          { s, t: 'room', line: '* principal waves' },
          { s, t: 'room', line: '*** error banned 60' }, // not a room notice
          { s, t: 'room', line: '*** joined principal' }, // a join line without the join
          { s, t: 'room', line: 'teacher: hi', join: [nickKey('principal'), 'principal'] }, // a message that joins (a valid member: only the rule against joining is broken)
          { s, t: 'room', line: '*** kicked bob principal' }, // a kick by someone not on A
          { s, t: 'mod', key: 'bob', kind: 'kick' }, // a silent kick
          { s, t: 'mod', key: 'watcher', kind: 'mute' }, // a silent mute
          { s, t: 'to', key: 'bob', line: 'principal -> bob: come to my office' },
          { s, t: 'to', key: 'bob', line: 'teacher -> watcher: wrong recipient' },
          { s, t: 'ban', ip: '127.0.0.1', key: 'bob', until }, // a ban nobody announced
          { s, t: 'room', line: 'teacher: extra field', x: 1 },
          { s, t: 'room', line: ['teacher: not a string'] },
          { s, t: 'mod', key: 'bob', kind: 'format-disk' },
          { s, t: 'shell', line: 'teacher: unknown type' },
          { s: 'not-an-id', t: 'room', line: 'teacher: bad server id' },
          // Wrong passwords from another time, to lock 127.0.0.1 out on every server: played again, or dated tomorrow.
          ...Array.from({ length: 10 }, (_, i) => ({ s, t: 'fail', ip: '127.0.0.1', at: 1000 + i })),
          ...Array.from({ length: 10 }, (_, i) => ({ s, t: 'fail', ip: '127.0.0.1', at: Date.now() + 86_400_000 + i })),
          { s, t: 'fail', ip: 'not an address', at: Date.now() },
        ];
        for (const message of forged) await raw.publish('chatroom:room', JSON.stringify(message));
        await raw.publish('chatroom:room', 'teacher: not even JSON');
        await raw.publish('chatroom:room', `{"s":"${s}","t":"room","line":"teacher: \u001b[31mred"}`);
        // Redis delivers in the order it received: once this marker arrives, so did everything above.
        teacher.send('marker\n');
        for (const peer of [bob, watcher]) {
          const seen = await peer.readUntil('teacher: marker\n');
          for (const bad of [
            '\u001b',
            '\r',
            'carriage',
            'csi',
            'principal',
            'pwned',
            'screen',
            'banned',
            'kicked',
            'wrong recipient',
            'extra',
            'string',
            'unknown',
            'bad server',
            'JSON',
            'red',
          ]) {
            expect(seen, `forged text reached ${peer.inbox.who}`).not.toContain(bad);
          }
        }
        bob.send('still here\n');
        await watcher.readUntil('bob: still here\n');
        watcher.send('not muted\n');
        await teacher.readUntil('watcher: not muted\n');
        watcher.send('/op chalk\n'); // not locked out by the old wrong passwords
        await watcher.readUntil('*** operator watcher\n');
        const newcomer = await lab.connect(b!, 'not banned');
        await newcomer.readUntil('NICK\n');
        // Counted and logged in one line, without what was said.
        await b!.program.output.readUntil('redis-dropped ');
        const log = await b!.program.output.readUntil('\n');
        expect(log).not.toMatch('principal');
        expect(log).not.toMatch('pwned');
        expect(log).not.toContain('\u001b');
      } finally {
        raw.disconnect();
      }
    }),
    40000,
  );

  it(
    'lets whoever held a nickname first keep it after a split: the newcomer is renamed',
    withLab(async () => {
      const toRedis = await relay();
      const a = await lab.startServer({ ...env(), REDIS_URL: toRedis.url });
      const [b] = await servers(1);
      const teacher = await enter(lab, a, 'teacher');
      const watcher = await enter(lab, b!, 'watcher');
      await teacher.readUntil('*** joined watcher\n');
      toRedis.cut(); // server A alone loses Redis: its claim on "teacher" expires there
      await teacher.readUntil('*** split\n');
      // Once the claim has expired, a student on B takes the name.
      let impostor;
      for (const deadline = Date.now() + 20000; ;) {
        impostor = await lab.connect(b!, 'impostor');
        await impostor.readUntil('NICK\n');
        impostor.send('teacher\n');
        await impostor.readUntil(/\*\*\* (welcome|error nick-taken) /);
        if (impostor.received.includes('*** welcome')) break;
        expect(Date.now(), 'the nickname never expired on B').toBeLessThan(deadline);
        impostor.destroy();
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      toRedis.restore();
      await teacher.readUntil('*** whole\n', 15000);
      await impostor.readUntil('*** error nick-taken teacher\n', 10000);
      await watcher.readUntil('*** renamed teacher teacher-2\n');
      teacher.send('I am the teacher\n');
      await watcher.readUntil('teacher: I am the teacher\n');
      expect(teacher.received).not.toContain('nick-taken');
      watcher.send('/list\n');
      await watcher.readUntil(/\*\*\* online teacher teacher-2 watcher\n/);
    }),
    60000,
  );

  it(
    'keeps a kicked student out of every server, and out of a server started after the kick',
    withLab(async () => {
      const [a, b] = await servers(2);
      const teacher = await enter(lab, a!, 'teacher');
      const student = await enter(lab, b!, 'student');
      await teacher.readUntil('*** joined student\n');
      teacher.send('/op chalk\n');
      await student.readUntil('*** operator teacher\n');
      teacher.send('/kick student\n');
      await student.readUntil('*** kicked student teacher\n');
      await a!.program.output.readUntil(/ shared ban 127\.0\.0\.1\b/);
      const viaA = await lab.connect(a!, 'student via A');
      await viaA.readUntil(/\*\*\* error banned \d+\n/);
      const [c] = await servers(1);
      const viaC = await lab.connect(c!, 'student via C');
      await viaC.readUntil(/\*\*\* error banned \d+\n/);
      teacher.send('still teaching\n');
      await teacher.readUntil('teacher: still teaching\n');
    }),
    40000,
  );

  it(
    'keeps a student muted on another server, and on a server started after the mute',
    withLab(async () => {
      const [a, b] = await servers(2);
      const teacher = await enter(lab, a!, 'teacher');
      const student = await enter(lab, b!, 'student');
      await teacher.readUntil('*** joined student\n');
      teacher.send('/op chalk\n');
      await student.readUntil('*** operator teacher\n');
      teacher.send('/mute student\n');
      await student.readUntil('*** muted student teacher\n');
      await a!.program.output.readUntil(/ shared mute 127\.0\.0\.1\b/);
      student.send('/quit\n');
      await teacher.readUntil('*** left student quit\n');
      const raw = await rawRedis();
      try {
        for (const server of [a!, (await servers(1))[0]!]) {
          // The nickname is free once the server it left has told Redis (another server may ask first).
          await eventually(async () => (await raw.exists(`chatroom:nick:${nickKey('student')}`)) === 0);
          const again = await enter(lab, server, 'student');
          again.send('can you hear me now\n');
          await again.readUntil('*** error muted\n');
          again.send('/quit\n');
          await again.inbox.waitClosed();
        }
      } finally {
        raw.disconnect();
      }
      teacher.send('marker\n');
      expect(await teacher.readUntil('teacher: marker\n')).not.toContain('hear me now');
    }),
    40000,
  );

  it(
    'works with a Redis user allowed only what final/redis.acl allows',
    withLab(async () => {
      const raw = await rawRedis();
      try {
        // The rules from the file the docs show, with a password of our own.
        const line = readFileSync(new URL('../final/redis.acl', import.meta.url), 'utf8')
          .split('\n')
          .find((l) => l.startsWith('user '))!;
        const [, user, ...rules] = line.trim().replace('>CHANGE-ME', '>s3cret').split(/\s+/);
        await raw.call('ACL', 'SETUSER', user!, ...rules);
        await raw.call('ACL', 'SETUSER', 'default', 'off'); // nobody else gets in
      } finally {
        raw.disconnect();
      }
      const url = redis.url.replace('redis://', 'redis://chat:s3cret@');
      const [a, b] = await Promise.all([lab.startServer({ ...env(), REDIS_URL: url }), lab.startServer({ ...env(), REDIS_URL: url })]);
      const teacher = await enter(lab, a, 'teacher');
      const student = await enter(lab, b, 'student');
      await teacher.readUntil('*** joined student\n');
      teacher.send('/op chalk\n');
      await student.readUntil('*** operator teacher\n');
      teacher.send('/kick student\n');
      await student.readUntil('*** kicked student teacher\n');
      await a.program.output.readUntil(/ shared ban 127\.0\.0\.1\b/);
      // A server that starts later can read the ban back.
      const c = await lab.startServer({ ...env(), REDIS_URL: url });
      const viaC = await lab.connect(c, 'student via C');
      await viaC.readUntil(/\*\*\* error banned \d+\n/);
      for (const server of [a, b, c]) expect(server.program.output.all.toString()).not.toMatch(/NOPERM|denied/i);
    }),
    40000,
  );
});
