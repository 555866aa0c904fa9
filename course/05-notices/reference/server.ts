// Challenge 05: the server speaks in lines, and signs every message.
// Built from step 04. New: every line the server sends ends with "\n"; its own
// news is a notice with a fixed form, "*** <code> <arguments>"; and the server,
// not the client, writes the sender's nickname in front of each message.
import net from 'node:net';

// #region settings
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 55555);
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

// #region accept
const server = net.createServer((socket) => {
  const address = `${socket.remoteAddress}:${socket.remotePort}`;
  const client: Client = { socket, nick: '' };
  clients.add(client);
  console.log(`Connected with ${address}`);
  send(client, 'NICK');
  // Flaw kept for the next challenge: no framing yet. A chunk is taken as one
  // line, so half a line, or two lines in one chunk, are signed as one.
  socket.once('data', (data) => {
    const nick = data.toString().trim();
    send(client, `*** welcome ${nick} ${members().length + 1}`);
    broadcast(`*** joined ${nick}`);
    client.nick = nick;
    console.log(`${nick} joined from ${address}`);
    // The server signs: the name comes from the connection, never from the text.
    socket.on('data', (chunk) => broadcast(`${nick}: ${chunk.toString().trimEnd()}`));
  });
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
