// Step 02: every message received from one client is sent to all clients.
// New since step 01: the list of clients, broadcast(), and removing a client that leaves.
import net from 'node:net';

// #region address
// The host is an IP address: 127.0.0.1 is the loopback address, "this machine".
// Use ::1 for IPv6 loopback, or 0.0.0.0 to accept connections from the network.
const host = process.env.HOST ?? '127.0.0.1';
// The port picks one program on that machine: 55555, as in the manual.
const port = Number(process.env.PORT ?? 55555);
// #endregion address

// #region broadcast
// Every connected client, as in the manual's `clients = []`.
const clients: net.Socket[] = [];

// Send a message to every client, the sender included (as in the manual).
function broadcast(message: Buffer | string) {
  for (const client of clients) {
    client.write(message);
  }
}
// #endregion broadcast

// #region accept
// Node calls this function once per connection: it is the manual's accept().
// `socket` is our end of the connection, one per client.
const server = net.createServer((socket) => {
  // An IPv6 address contains ':', so it is written in brackets: [::1]:41234
  const ip = socket.remoteFamily === 'IPv6' ? `[${socket.remoteAddress}]` : socket.remoteAddress;
  const address = `${ip}:${socket.remotePort}`;
  console.log(`Connected with ${address}`);
  socket.write('Connected to the server');
  // #region handleClient
  clients.push(socket);
  // Each chunk of bytes is relayed as it came. Flaw kept from the manual: no
  // framing, so two quick messages can arrive as one chunk, a long one as two.
  socket.on('data', (message) => broadcast(message));
  // A client that leaves is removed from the list: we stop writing to it.
  socket.on('close', () => clients.splice(clients.indexOf(socket), 1));
  // #endregion handleClient
  // A client that vanishes (connection reset) emits 'error'. Without a
  // listener, Node would stop the whole server for one client's problem.
  socket.on('error', (err) => console.log(`${address}: ${err.message}`));
});
// #endregion accept

// #region listen
// bind() and listen() in one call. Node picks IPv4 or IPv6 from the host's form.
server.listen(port, host, () => {
  console.log(`Server listening on ${host}:${port}`);
});
// #endregion listen

// #region errors
// A user's mistake gets one clear line, not a stack trace.
server.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use: stop the other server or choose another PORT.`);
  } else {
    console.error(`Cannot listen on ${host}:${port}: ${err.message}`);
  }
  process.exit(1);
});
// #endregion errors
