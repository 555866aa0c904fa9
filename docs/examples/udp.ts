// UDP keeps message boundaries but promises nothing else.
// Run it: npx tsx docs/examples/udp.ts
import dgram from 'node:dgram';

// A UDP socket: no listen(), no accept(), no connection. It just receives.
const receiver = dgram.createSocket('udp4');
receiver.on('message', (message, from) => {
  console.log(`datagram of ${message.length} bytes from ${from.address}:${from.port}: ${message}`);
});

receiver.bind(0, '127.0.0.1', () => {
  const { port } = receiver.address();
  const sender = dgram.createSocket('udp4');
  // The same two quick messages as in chunks.ts: each stays one datagram.
  sender.send('alice: hi', port, '127.0.0.1');
  sender.send('alice: how are you?', port, '127.0.0.1', () => {
    sender.close();
    setTimeout(() => receiver.close(), 100);
  });
});
