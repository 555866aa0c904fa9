/**
 * The floor: the least a Node server can do for the final server's work, to
 * measure how far the final server is from the limit. It speaks the final
 * protocol (NICK, one nickname line, "*** welcome", then UTF-8 lines relayed
 * as "<nick>: <text>"), frames lines, and batches like the final server: the
 * lines read in one turn of the event loop leave together, one buffer shared by
 * every member, one write per member; the next flush waits as long as the last
 * one took. Nothing else: no checks (UTF-8, length, control characters,
 * nickname rules), no limits, no notices, no timeouts, no logs. Not for use:
 * one client sending a line without its newline makes it keep everything.
 *
 * PORT and HOST from the environment, as the steps.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

const NEWLINE = 0x0a;
const members = new Set<net.Socket>();
let lines: Buffer[] = [];
let bytes = 0;
let scheduled = false;
let nextFlush = 0;

function flush(): void {
  scheduled = false;
  const start = performance.now();
  const all = lines.length === 1 ? lines[0]! : Buffer.concat(lines, bytes);
  lines = [];
  bytes = 0;
  for (const socket of members) socket.write(all);
  const end = performance.now();
  nextFlush = end + (end - start);
}

function relay(line: Buffer): void {
  lines.push(line);
  bytes += line.length;
  if (scheduled) return;
  scheduled = true;
  const wait = nextFlush - performance.now();
  if (wait <= 0) setImmediate(flush);
  else setTimeout(flush, wait);
}

const server = net.createServer((socket) => {
  socket.setNoDelay(true); // as the final server: a line leaves when it is written
  let prefix: Buffer | null = null; // "<nick>: ", once the nickname came
  let rest: Buffer | null = null; // a line cut by TCP, waiting for its end
  socket.write('NICK\n');
  socket.on('data', (chunk: Buffer) => {
    const data = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(NEWLINE); end !== -1; start = end + 1, end = data.indexOf(NEWLINE, start)) {
      if (!prefix) {
        const nick = data.toString('utf8', start, end);
        prefix = Buffer.from(`${nick}: `);
        members.add(socket);
        socket.write(`*** welcome ${nick} ${members.size}\n`);
        continue;
      }
      const line = Buffer.allocUnsafe(prefix.length + end + 1 - start);
      prefix.copy(line);
      data.copy(line, prefix.length, start, end + 1);
      relay(line);
    }
    rest = start < data.length ? Buffer.from(data.subarray(start)) : null;
  });
  socket.on('error', () => {}); // a reset: 'close' follows
  socket.on('close', () => members.delete(socket));
});

server.listen(Number(process.env.PORT ?? 55555), process.env.HOST ?? '127.0.0.1');
