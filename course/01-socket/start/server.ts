// A TCP server that listens, accepts connections and greets each client.
import net from 'node:net';

// The tests choose a free port and give it to your server in the PORT
// environment variable, and the address in HOST. 55555 and 127.0.0.1 are the
// manual's, for your own runs.
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 55555);

const server = net.createServer((socket) => {
});
