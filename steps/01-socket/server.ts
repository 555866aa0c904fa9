// Step 01: a TCP server that accepts connections.
// Python (the manual):  server = socket.socket(AF_INET, SOCK_STREAM); bind; listen; accept
// Node:                 net.createServer(onConnection).listen(port, host)
import net from 'node:net';

// #region address
// The host is an IP address: 127.0.0.1 is the loopback address, "this machine".
// Use ::1 for IPv6 loopback, or 0.0.0.0 to accept connections from the network.
const host = process.env.HOST ?? '127.0.0.1';
// The port picks one program on that machine: 55555, as in the manual.
const port = Number(process.env.PORT ?? 55555);
// #endregion address

// #region accept
// Node calls this function once per connection: it is the manual's accept().
// `socket` is our end of the connection, one per client.
const server = net.createServer((socket) => {
  // An IPv6 address contains ':', so it is written in brackets: [::1]:41234
  const ip = socket.remoteFamily === 'IPv6' ? `[${socket.remoteAddress}]` : socket.remoteAddress;
  const address = `${ip}:${socket.remotePort}`;
  console.log(`Connected with ${address}`);
  socket.write('Connected to the server');
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
