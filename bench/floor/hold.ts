/**
 * The floor for idle connections: a Node server that takes each client's
 * nickname (the final protocol's handshake: NICK, one line, "*** welcome")
 * and then only holds its socket. What 10 000 connections cost here is what
 * Node itself costs for them; the final server is measured against it.
 *
 * PORT and HOST from the environment, as the steps.
 */
import net from 'node:net';

const nicknames = new Map<net.Socket, string>();

const server = net.createServer((socket) => {
  socket.write('NICK\n');
  socket.once('data', (chunk: Buffer) => {
    const nick = chunk.toString('utf8', 0, Math.max(0, chunk.indexOf(0x0a)));
    nicknames.set(socket, nick);
    socket.write(`*** welcome ${nick} ${nicknames.size}\n`);
    socket.on('data', () => {}); // read and forget: keep the socket flowing
  });
  socket.on('error', () => {}); // a reset: 'close' follows
  socket.on('close', () => nicknames.delete(socket));
});

server.listen(Number(process.env.PORT ?? 55555), process.env.HOST ?? '127.0.0.1');
