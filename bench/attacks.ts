/**
 * What one student on one computer can still do to a class's server, in
 * numbers: `npm run bench:attacks -- [seconds]` (loopback only; 20 s per
 * attack by default). Each attack runs against a fresh final server with its
 * default limits (no --loopback-unlimited):
 * - guesses of the /op password a minute, reconnecting whenever closed;
 * - guesses of the room password a minute, likewise;
 * - join/leave notice lines a second that a watcher sees while one address
 *   joins and quits in a loop; and the same across two servers sharing the
 *   room through Redis (looper on one, watcher on the other), when
 *   redis-server is installed;
 * - rename notices a second that a watcher sees while one address renames
 *   in a loop from 9 connections.
 */
import net from 'node:net';
import path from 'node:path';
import { freePort, isListening } from '../checker/network.ts';
import { Program } from '../checker/program.ts';
import { hasRedis, TestRedis } from '../checker/redis.ts';
import { ROOT } from '../checker/target.ts';

const SECONDS = Number(process.argv[2] ?? 20);

async function startServer(env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ port: number; program: Program }> {
  const port = await freePort();
  const program = new Program(
    { argv: [process.execPath, '--import', 'tsx', path.join(ROOT, 'final/server.ts'), '--port', String(port), ...args], cwd: ROOT },
    env,
    'server',
  );
  const deadline = Date.now() + 15000;
  while (!(await isListening(port, '127.0.0.1'))) {
    if (program.exit || Date.now() > deadline) throw new Error(`the server did not start: ${program.lastLines()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { port, program };
}

/** A line-reading connection: `onLine` for each line; resolves when it closes. */
function connection(port: number, onLine: (line: string, socket: net.Socket) => void): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let rest = '';
    socket.on('data', (chunk) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop()!;
      for (const line of lines) onLine(line, socket);
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve());
  });
}

/** Guess a password for SECONDS from one address, as fast as the server lets us; how many guesses were answered. */
async function guess(kind: 'op' | 'room'): Promise<{ answered: number; locked: number }> {
  const { port, program } = await startServer(kind === 'op' ? { OP_PASSWORD: 'the real one' } : { CHAT_PASSWORD: 'the real one' });
  let answered = 0;
  let locked = 0;
  let n = 0;
  const end = Date.now() + SECONDS * 1000;
  while (Date.now() < end) {
    await connection(port, (line, socket) => {
      if (Date.now() >= end) return socket.destroy();
      if (line === 'NICK') socket.write(`guesser${n++}\n`);
      else if (line === 'PASS' || line.startsWith('*** welcome ')) socket.write(kind === 'op' ? `/op guess${n++}\n` : `guess${n++}\n`);
      else if (line.startsWith('*** error password-wrong')) {
        answered++;
        if (kind === 'op' && !line.endsWith(' 0')) socket.write(`/op guess${n++}\n`);
      } else if (line.startsWith('*** error locked')) {
        locked++;
        if (kind === 'op') socket.write(`/op guess${n++}\n`); // keeps asking, gets nowhere
      } else if (line.startsWith('*** error')) socket.destroy();
    });
  }
  await program.stop();
  return { answered, locked };
}

/** Join and quit in a loop from one address on `loopPort`; count the notices a watcher on `watchPort` sees. */
async function churn(loopPort: number, watchPort: number): Promise<{ notices: number; joins: number; refused: number }> {
  let notices = 0;
  let joins = 0;
  let refused = 0;
  let watcher: net.Socket | undefined;
  const watching = connection(watchPort, (line, socket) => {
    watcher = socket;
    if (line === 'NICK') socket.write('watcher\n');
    if (/^\*\*\* (joined|left) looper/.test(line)) notices++;
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const end = Date.now() + SECONDS * 1000;
  for (let i = 0; Date.now() < end; i++) {
    await connection(loopPort, (line, socket) => {
      if (line === 'NICK') socket.write(`looper${i}\n`);
      else if (line.startsWith('*** welcome')) {
        joins++;
        socket.write('/quit\n');
      } else if (line.startsWith('*** error too-fast')) {
        refused++;
        socket.destroy();
      }
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // the last notices
  watcher?.destroy();
  await watching;
  return { notices, joins, refused };
}

/** Rename in a loop from `connections` connections of one address, each at the flood guard's pace; count the rename notices a watcher sees. */
async function renames(port: number, connections: number): Promise<{ notices: number; refused: number }> {
  let notices = 0;
  let refused = 0;
  const sockets: net.Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  const watching = connection(port, (line, socket) => {
    sockets.push(socket);
    if (line === 'NICK') socket.write('watcher\n');
    if (line.startsWith('*** renamed ')) notices++;
  });
  const loops = Array.from({ length: connections }, (_, c) =>
    connection(port, (line, socket) => {
      if (line === 'NICK') socket.write(`renamer${c}x0\n`);
      else if (line.startsWith('*** welcome')) {
        sockets.push(socket);
        let n = 0;
        // One line a second: the flood guard's default rate, so that no line is dropped for flooding.
        timers.push(setInterval(() => socket.write(`/nick renamer${c}x${++n}\n`), 1000));
      } else if (line.startsWith('*** error flood')) refused++;
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  for (const timer of timers) clearInterval(timer);
  await new Promise((resolve) => setTimeout(resolve, 300)); // the last notices
  for (const socket of sockets) socket.destroy();
  await Promise.all([watching, ...loops]);
  return { notices, refused };
}

const perMinute = (count: number) => ((count * 60) / SECONDS).toFixed(1);
const perSecond = (count: number) => (count / SECONDS).toFixed(2);

console.log(`Attacks from one address, ${SECONDS} s each, against the final server with its default limits.\n`);
for (const kind of ['op', 'room'] as const) {
  const { answered, locked } = await guess(kind);
  const what = kind === 'op' ? '/op password' : 'room password';
  console.log(
    `${what}: ${answered + (locked > 0 ? 1 : 0)} guesses weighed in ${SECONDS} s (${perMinute(answered + (locked > 0 ? 1 : 0))} a minute over this run), then locked out: ${locked} attempts refused unweighed`,
  );
}
{
  const { port, program } = await startServer({});
  const { notices, joins, refused } = await churn(port, port);
  await program.stop();
  console.log(`join/quit loop, one server: ${joins} joins, ${refused} refused too fast; the watcher saw ${notices} notices (${perSecond(notices)} a second)`);
}
{
  const { port, program } = await startServer({});
  const { notices, refused } = await renames(port, 9);
  await program.stop();
  console.log(`/nick loop from 9 connections of one address: ${refused} renames refused; the watcher saw ${notices} renames (${perSecond(notices)} a second)`);
}
if (hasRedis()) {
  const redis = await TestRedis.start();
  const a = await startServer({}, ['--redis', redis.url]);
  const b = await startServer({}, ['--redis', redis.url]);
  const { notices, joins, refused } = await churn(a.port, b.port);
  await Promise.all([a.program.stop(), b.program.stop()]);
  await redis.stop();
  console.log(
    `join/quit loop on server A, watcher on server B (Redis): ${joins} joins, ${refused} refused; the watcher saw ${notices} notices (${perSecond(notices)} a second)`,
  );
} else console.log('join/quit loop across two servers: skipped (no redis-server)');
