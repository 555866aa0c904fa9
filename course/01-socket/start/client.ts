// A TCP client that connects to the server and prints what it receives.
import net from 'node:net';

// The tests give the server's port in the PORT environment variable, and its
// address in HOST.
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 55555);
