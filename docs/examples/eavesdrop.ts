// What someone on the network sees: a relay that stands between the clients
// and the server, passes every byte on unchanged, and prints what it passes.
// Start a server on 55555, run this, and connect clients to port 55556:
//   npx tsx docs/examples/eavesdrop.ts
//   npm run client -- --port 55556
import net from 'node:net';

const server = { host: '127.0.0.1', port: 55555 };

/** The bytes as a person would read them: text stays, anything else is a dot. */
const readable = (bytes: Buffer) =>
  bytes
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '.')
    .slice(0, 60);

net
  .createServer((client) => {
    const upstream = net.connect(server);
    const who = `${client.remoteAddress}:${client.remotePort}`;
    const show = (arrow: string) => (bytes: Buffer) => console.log(`${who} ${arrow} ${String(bytes.length).padStart(4)} bytes  ${readable(bytes)}`);
    client.on('data', show('→ server'));
    upstream.on('data', show('← server'));
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  })
  .listen(55556, '127.0.0.1', () => console.log('relaying 127.0.0.1:55556 to 127.0.0.1:55555, and watching'));
