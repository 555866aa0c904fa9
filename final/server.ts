/**
 * The final chat server, from the command line:
 *   npx tsx final/server.ts [--host HOST] [--port PORT] ...   (--help for all)
 */
import { ChatServer } from './chat-server.ts';
import { parseServerArgs, usage } from './config.ts';
import { launch } from './launch.ts';
import { clearPasswordWarning, certificateWarning } from './certificate.ts';
import { consoleLogger, formatAddress, maskUrl } from './log.ts';

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
  console.log(usage());
  process.exit(0);
}

const log = consoleLogger();
// Said before anything else, so that a teacher sees it before the class connects.
for (const warning of [clearPasswordWarning(options), options.tls && certificateWarning(options.tls.cert)]) {
  if (warning) log('warning', warning);
}
const chat = new ChatServer(options, log);
if (options.redis) {
  // Several servers, one room: join the others through Redis before accepting anyone.
  try {
    // Loaded only when asked for: a lone server does not carry the Redis client (15 MiB).
    const { RedisLink } = await import('./redis-link.ts');
    const link = await RedisLink.open(options.redis, chat.hub, log);
    chat.hub.attach(link);
    log('redis', `sharing the room through ${maskUrl(options.redis)} as server ${link.id}`);
  } catch (error) {
    fail(`${(error as Error).message} (is redis-server running? --redis)`);
  }
}
try {
  const { address, port } = await chat.listen();
  log('listening', `on ${formatAddress(address, port)}: ${howToConnect(address, port, Boolean(options.tls))}`);
} catch (error) {
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') fail(`Port ${options.port} is already in use: stop the other server or choose another port (--port).`);
  if (err.code === 'EADDRNOTAVAIL') fail(`This machine has no address ${options.host} (--host).`);
  if (err.code === 'EACCES') fail(`Not allowed to listen on port ${options.port}: choose a port above 1023 (--port).`);
  fail(`Cannot listen on ${options.host}:${options.port}: ${err.message}`);
}

/** The startup line's advice: the right client command for this server. */
function howToConnect(address: string, port: number, tls: boolean): string {
  const everywhere = address === '0.0.0.0' || address === '::';
  const host = everywhere ? "<this machine's address>" : address;
  const options = `${host === '127.0.0.1' ? '' : ` --host ${host}`}${port === 55555 ? '' : ` --port ${port}`}${tls ? ' --ca <certificate>' : ''}`;
  const client = `"${launch().command('client', options)}"`;
  return tls ? `connect with ${client}` : `connect with ${client} or "nc ${host} ${port}"`;
}

// #region signals
// Ctrl+C or a service manager's stop: say goodbye to everyone, then exit.
// Under npm, one Ctrl+C can arrive twice (from the terminal and relayed by
// npm or tsx): only a second one a moment later means "stop now".
let stoppingSince = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stoppingSince) {
      if (Date.now() - stoppingSince > 500) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    log('stopping', `(${signal}), closing ${chat.connections} connection(s)`);
    chat.close().then(async () => {
      await chat.hub.link?.close();
      log('stopped');
      process.exit(0);
    });
  });
}
// #endregion signals
