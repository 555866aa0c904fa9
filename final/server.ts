/**
 * The final chat server, from the command line:
 *   npx tsx final/server.ts [--host HOST] [--port PORT] ...   (--help for all)
 */
import { ChatServer } from './chat-server.ts';
import { USAGE, parseServerArgs } from './config.ts';
import { consoleLogger, formatAddress } from './log.ts';

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

// Ctrl+C or a service manager's stop: say goodbye to everyone, then exit.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second Ctrl+C: stop now
    stopping = true;
    log('stopping', `(${signal}), closing ${chat.connections} connection(s)`);
    chat.close().then(() => {
      log('stopped');
      process.exit(0);
    });
  });
}
