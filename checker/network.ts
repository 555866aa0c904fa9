import net from 'node:net';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile, readdir, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Can a server bind to `host`, on any port? (IPv6 can be off on some machines.) */
export function canBind(host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(0, host, () => server.close(() => resolve(true)));
  });
}

/** Ports handed out lately, one empty file each, shared by every process of the machine. */
const CLAIMS = path.join(tmpdir(), 'chatroom-test-ports');
const CLAIM_MS = 60000;

/**
 * Claim a port for a minute. Between the moment a port is found free and the
 * moment the program under test binds it (a second or two for Python under
 * load), another test process could pick the same port, and the check would
 * then talk to the wrong server: the claim files stop that, across processes.
 */
function claim(port: number): boolean {
  const file = path.join(CLAIMS, String(port));
  try {
    mkdirSync(CLAIMS, { recursive: true });
    const claimed = statSync(file, { throwIfNoEntry: false });
    if (claimed && Date.now() - claimed.mtimeMs < CLAIM_MS) return false;
    if (claimed) rmSync(file, { force: true }); // an old claim: take it over
    writeFileSync(file, '', { flag: 'wx' }); // fails if another process was quicker
    return true;
  } catch {
    return false;
  }
}

/**
 * A port nobody listens on, below Linux's ephemeral range (32768+) so that no
 * outgoing connection of another test can be using it as its local port.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (!claim(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, host, () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port found');
}

/**
 * Is something listening on `port`? On Linux, read the kernel's socket tables
 * instead of connecting: a test connection would itself be a client to the
 * server under test (it would be asked for a nickname, broadcast to...).
 * Elsewhere, fall back to a connection that closes at once.
 */
export async function isListening(port: number, host: string): Promise<boolean> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const tables = await Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map((file) => readFile(file, 'utf8').catch(() => null)));
  if (tables.some((t) => t !== null)) {
    return tables.some((table) =>
      (table ?? '')
        .split('\n')
        .slice(1)
        .some((line) => {
          const [, local, , state] = line.trim().split(/\s+/);
          return state === '0A' && local?.endsWith(`:${hexPort}`);
        }),
    );
  }
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A process and its descendants, through /proc/<pid>/task/<tid>/children (Linux 3.5+). */
async function processTree(pid: number): Promise<string[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const children = await Promise.all(tasks.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => '')));
  const below = children.join(' ').split(/\s+/).filter(Boolean);
  return [String(pid), ...(await Promise.all(below.map((child) => processTree(Number(child))))).flat()];
}

/**
 * The TCP ports on which a program under test (`pid`) and the processes it
 * started listen: on Linux, the kernel's socket tables matched with their open
 * files. Undefined where /proc is missing.
 */
export async function listeningPortsOf(pid: number): Promise<number[] | undefined> {
  const tables = await Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map((file) => readFile(file, 'utf8').catch(() => '')));
  if (tables.every((table) => table === '')) return undefined;
  const inodes = new Set<string>();
  for (const process of await processTree(pid)) {
    const fds = await readdir(`/proc/${process}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const link = await readlink(`/proc/${process}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode) inodes.add(inode);
    }
  }
  const ports = new Set<number>();
  for (const table of tables) {
    for (const line of table.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === '0A' && inodes.has(fields[9] ?? '')) ports.add(parseInt(fields[1]!.split(':').pop()!, 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}
