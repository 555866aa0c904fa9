/**
 * The final chat server, from the command line:
 *   npx tsx final/server.ts [--host HOST] [--port PORT] ...   (--help for all)
 */
import { ChatServer } from './chat-server.ts';
import { USAGE, parseServerArgs } from './config.ts';
import { consoleLogger, formatAddress } from './log.ts';
import { RedisLink } from './redis-link.ts';

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let options;
try {
  options = parseServerArgs(process.argv.slice(2));
} catch (error) {
  fail(`${(error as Error).message} (see --help)`, 2);
}
if (options === 'help') {
  console.log(USAGE);
  process.exit(0);
}

const log = consoleLogger();
const chat = new ChatServer(options, log);
if (options.redis) {
  // Several servers, one room: join the others through Redis before accepting anyone.
  try {
    const link = await RedisLink.open(options.redis, chat.hub, log);
    chat.hub.link = link;
    log('redis', `sharing the room through ${options.redis} as server ${link.id}`);
  } catch (error) {
    fail(`${(error as Error).message} (is redis-server running? --redis)`);
  }
}
try {
  const { address, port } = await chat.listen();
  log('listening', `on ${formatAddress(address, port)}: connect with "npm run client" or "nc ${address} ${port}"`);
} catch (error) {
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') fail(`Port ${options.port} is already in use: stop the other server or choose another port (--port).`);
  if (err.code === 'EADDRNOTAVAIL') fail(`This machine has no address ${options.host} (--host).`);
  if (err.code === 'EACCES') fail(`Not allowed to listen on port ${options.port}: choose a port above 1023 (--port).`);
  fail(`Cannot listen on ${options.host}:${options.port}: ${err.message}`);
}

// #region signals
// Ctrl+C or a service manager's stop: say goodbye to everyone, then exit.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second Ctrl+C: stop now
    stopping = true;
    log('stopping', `(${signal}), closing ${chat.connections} connection(s)`);
    chat.close().then(async () => {
      await chat.hub.link?.close();
      log('stopped');
      process.exit(0);
    });
  });
}
// #endregion signals
