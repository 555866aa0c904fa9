/**
 * Join/quit flood across two servers sharing a room through Redis: one
 * address joins and quits server A in a loop, as fast as A lets it; a
 * watcher on A and one on B count the join/leave notices they are shown.
 * Issue 12's measurement: "notice lines a second seen by a watcher during a
 * join/quit loop from one address, with --redis across two servers".
 *
 *   npx tsx bench/redis-churn.ts [seconds]      (needs redis-server)
 */
import { enter } from '../course/final/checks.ts';
import { Lab } from '../checker/lab.ts';
import { TestRedis } from '../checker/redis.ts';
import { referenceTarget } from '../checker/target.ts';

const seconds = Number(process.argv[2] ?? 10);
const redis = await TestRedis.start();
const lab = new Lab(referenceTarget('final'));
try {
  const env = { REDIS_URL: redis.url };
  const [a, b] = await Promise.all([lab.startServer(env), lab.startServer(env)]);
  const onA = await enter(lab, a, 'watcherA');
  const onB = await enter(lab, b, 'watcherB');
  await onA.readUntil('*** joined watcherB\n');
  const start = { a: onA.received.length, b: onB.received.length };
  const tally = { cycles: 0, refused: 0, welcomed: 0 };
  const end = Date.now() + seconds * 1000;
  for (let i = 0; Date.now() < end; i++) {
    tally.cycles++;
    const peer = await lab.connect(a, `churn ${i}`);
    const first = await peer.readUntil('\n').catch(() => '');
    if (first !== 'NICK') {
      tally.refused++; // too-fast, too-many-connections...
      peer.destroy();
      continue;
    }
    peer.send(`churn${i}\n`);
    await peer.readUntil(/\*\*\* (welcome|error) [^\n]*\n/).catch(() => '');
    if (peer.received.includes('*** welcome')) tally.welcomed++;
    peer.send('/quit\n');
    await peer.inbox.waitClosed().catch(() => {});
    peer.destroy();
  }
  // Let the last notices cross Redis: a marker said after them arrives after them.
  onA.send('/me marker\n');
  await onB.readUntil('* watcherA marker\n');
  const notices = (text: string) => text.split('\n').filter((line) => /^\*\*\* (joined|left) churn/.test(line)).length;
  const seenA = notices(onA.received.slice(start.a));
  const seenB = notices(onB.received.slice(start.b));
  console.log(`${seconds} s of join/quit from one address on server A: ${tally.cycles} attempts, ${tally.welcomed} joined, ${tally.refused} refused`);
  console.log(`notice lines seen by a watcher on A: ${seenA} (${(seenA / seconds).toFixed(1)}/s); on B: ${seenB} (${(seenB / seconds).toFixed(1)}/s)`);
} finally {
  await lab.cleanup();
  await redis.stop();
}
