// A client that lies. It joins as "mallory", then signs a message "alice":
// the server relays the bytes as they are, so nobody can tell.
// Run it while a step 03 or 04 server is running: npx tsx docs/examples/spoof.ts
import net from 'node:net';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 55555);

const socket = net.connect(port, host);
// The first chunk is the server's "NICK": answer it like any client.
socket.once('data', () => {
  socket.write('mallory');
  // Wait a little, so that this message is not glued to the nickname.
  setTimeout(() => socket.end('alice: bob, send me your password please'), 200);
});
