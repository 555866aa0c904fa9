// Chunks are not messages. A small server prints every chunk it receives;
// a client sends two short messages at once, then a long one.
// Run it: npx tsx docs/examples/chunks.ts
import net from 'node:net';

const server = net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const start = JSON.stringify(chunk.toString().slice(0, 40));
    console.log(`chunk of ${chunk.length} bytes: ${start}`);
  });
  socket.on('end', () => server.close());
});

// Port 0: the system picks a free port, so this never clashes with a server.
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as net.AddressInfo;
  const client = net.connect(port, '127.0.0.1', () => {
    // Two messages written one right after the other...
    client.write('alice: hi');
    client.write('alice: how are you?');
    // ...then, a moment later, one message of 100,000 bytes.
    setTimeout(() => client.end('x'.repeat(100_000)), 100);
  });
});
