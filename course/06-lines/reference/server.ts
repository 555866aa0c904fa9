// Challenge 06: one message, one line, of at most 1024 bytes.
// Built from challenge 05. New: TCP delivers a stream of bytes, not messages:
// the server cuts it into lines itself (a line ends with "\n", or "\r\n"), keeps
// an unfinished line until its end comes, and refuses a line that is too long
// without ever keeping more than MAX_LINE bytes of it.
import net from 'node:net';

// #region settings
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 55555);

/** A number from the environment (MAX_LINE=2048), or its default; nonsense is one clear line. */
function setting(name: string, fallback: number): number {
  const given = process.env[name];
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!(value > 0)) {
    console.error(`${name} must be a positive number, not "${given}".`);
    process.exit(2);
  }
  return value;
}

/** The longest line accepted, in bytes, its "\n" (or "\r\n") not counted. */
const MAX_LINE = setting('MAX_LINE', 1024);
// #endregion settings

// #region clients
/** One connection: its nickname is '' until the handshake is over. */
interface Client {
  socket: net.Socket;
  nick: string;
  /** Why it left, known before 'close' (which says nothing of why). */
  reason?: string;
}

/** Every connection, in the room or still giving its nickname. */
const clients = new Set<Client>();

/** The people in the room: the clients past the handshake. */
function members(): Client[] {
  return [...clients].filter((client) => client.nick !== '');
}

/** Send one line to one client. */
function send(client: Client, line: string) {
  client.socket.write(`${line}\n`);
}

/** Send one line to everyone in the room, the sender included. */
function broadcast(line: string) {
  for (const member of members()) send(member, line);
}
// #endregion clients

// #region framing
/**
 * A line reader: give it the bytes as they come (push), it calls `line` once
 * per complete line, without its ending. An unfinished line waits for its
 * end; one that grows past MAX_LINE calls `tooLong` and is skipped up to its
 * "\n", so a client sending gigabytes without a newline costs nothing.
 */
function lineReader(line: (bytes: Buffer) => void, tooLong: () => void) {
  let pending = Buffer.alloc(0); // the start of an unfinished line
  let skipping = false; // inside a line that was too long
  return function push(chunk: Buffer) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, end);
      start = end + 1;
      if (skipping) {
        skipping = false; // the end of the long line: the next one is fine
        continue;
      }
      let bytes = pending.length > 0 ? Buffer.concat([pending, piece]) : piece;
      pending = Buffer.alloc(0);
      if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1); // "\r\n": telnet, Windows
      if (bytes.length > MAX_LINE) tooLong();
      else line(bytes);
    }
    if (skipping) return;
    const rest = chunk.subarray(start);
    // MAX_LINE + 1: a line of exactly MAX_LINE bytes may still wait for its "\r\n".
    if (pending.length + rest.length > MAX_LINE + 1) {
      skipping = true;
      pending = Buffer.alloc(0);
      tooLong();
    } else if (rest.length > 0) {
      pending = Buffer.concat([pending, rest]); // a copy: the chunk is not kept
    }
  };
}
// #endregion framing

// #region accept
const server = net.createServer((socket) => {
  const address = `${socket.remoteAddress}:${socket.remotePort}`;
  const client: Client = { socket, nick: '' };
  clients.add(client);
  console.log(`Connected with ${address}`);
  send(client, 'NICK');
  const push = lineReader(
    (bytes) => onLine(client, bytes.toString()),
    () => send(client, `*** error too-long ${MAX_LINE}`),
  );
  socket.on('data', push);
  // "error": the connection was reset; then comes "close". A clean end is "closed".
  socket.on('error', (err) => {
    client.reason ??= 'reset';
    console.log(`${address}: ${err.message}`);
  });
  socket.on('close', () => {
    clients.delete(client);
    if (client.nick === '') return; // it left before giving a nickname
    const reason = client.reason ?? 'closed';
    console.log(`${client.nick} left (${reason})`);
    broadcast(`*** left ${client.nick} ${reason}`);
  });
});
// #endregion accept

// #region lines
/** One line from a client: its nickname first, then its messages. */
function onLine(client: Client, line: string) {
  if (client.nick === '') return join(client, line.trim());
  if (line === '') return; // an empty line says nothing
  // The server signs: the name comes from the connection, never from the text.
  broadcast(`${client.nick}: ${line}`);
}

/** The handshake's answer: the client enters the room. */
function join(client: Client, nick: string) {
  send(client, `*** welcome ${nick} ${members().length + 1}`);
  broadcast(`*** joined ${nick}`);
  client.nick = nick;
  console.log(`${nick} joined from ${client.socket.remoteAddress}:${client.socket.remotePort}`);
}
// #endregion lines

// #region listen
server.listen(port, host, () => {
  console.log(`Server listening on ${host}:${port}`);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use: stop the other server or choose another PORT.`);
  } else {
    console.error(`Cannot listen on ${host}:${port}: ${err.message}`);
  }
  process.exit(1);
});
// #endregion listen
