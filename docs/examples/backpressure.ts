// Backpressure: write() says when to stop, 'drain' says when to go on.
// A server accepts one client and reads nothing for a second; the client
// writes 64 KiB chunks until write() returns false, then waits for 'drain'.
// Run it: npx tsx docs/examples/backpressure.ts
import net from 'node:net';

const chunk = Buffer.alloc(64 * 1024, 'x');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const server = net.createServer((socket) => {
  socket.pause(); // a slow reader: nothing is read for now
  setTimeout(() => socket.resume(), 1000);
  socket.on('end', () => server.close());
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as net.AddressInfo;
  const client = net.connect(port, '127.0.0.1', () => {
    // #region write
    let written = 0;
    // write() returns false once Node holds more than it can pass to the system.
    while (client.write(chunk)) written += chunk.length;
    written += chunk.length; // the chunk that got false is queued, not lost
    console.log(`write() returned false after ${mib(written)}; Node holds ${mib(client.writableLength)}`);
    client.once('drain', () => {
      console.log(`'drain': Node's queue is empty again, the reader caught up`);
      client.end();
    });
    // #endregion write
  });
});
