// Step 01: a TCP client that connects and prints what it receives.
// Python (the manual):  client = socket.socket(AF_INET, SOCK_STREAM); client.connect((host, port))
// Node:                 net.connect(port, host)
import net from 'node:net';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 55555);

// #region connect
const client = net.connect(port, host);

// Data arrives as a Buffer of bytes: decode it to text before printing.
client.on('data', (data) => {
  console.log(data.toString());
});
// #endregion connect

// #region errors
client.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'ECONNREFUSED') {
    console.error(`No server at ${host}:${port}: start the server first.`);
  } else {
    console.error(`Connection error: ${err.message}`);
  }
  process.exit(1);
});
// #endregion errors
