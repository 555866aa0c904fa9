// A client that connects, then cuts the connection brutally (a TCP reset),
// as a crashed program or a lost network would.
// Run it while a server is running: npx tsx docs/examples/reset.ts
import net from 'node:net';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 55555);

const socket = net.connect(port, host, () => {
  // Wait for the server's first message, then reset instead of closing politely.
  socket.once('data', () => socket.resetAndDestroy());
});
