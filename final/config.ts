/**
 * The server's settings: defaults that suit a class, overridden by
 * environment variables (HOST, PORT...) and then by command-line options.
 */
import { parseArgs } from 'node:util';

export interface ServerOptions {
  host: string;
  port: number;
  /** Longest line accepted, in bytes (the manual's buffer size). */
  maxLine: number;
  /** Flood control: lines a client may send at once, then per second. */
  floodBurst: number;
  floodRate: number;
  /** Bytes waiting to be sent to one client before it is dropped as too slow. */
  maxOutput: number;
  maxClients: number;
  maxPerIp: number;
  /** Let loopback addresses open any number of connections (tests, benchmarks). */
  loopbackUnlimited: boolean;
  /** Seconds to give a nickname; seconds of silence before a ping; seconds to answer it. */
  nickTimeout: number;
  idleTimeout: number;
  pingTimeout: number;
}

export const DEFAULTS: ServerOptions = {
  host: '127.0.0.1',
  port: 55555,
  maxLine: 1024,
  floodBurst: 10,
  floodRate: 1,
  maxOutput: 1024 * 1024,
  maxClients: 1000,
  maxPerIp: 10,
  loopbackUnlimited: false,
  nickTimeout: 20,
  idleTimeout: 120,
  pingTimeout: 20,
};

export const USAGE = `Usage: npm start -- [options]      (or: npx tsx final/server.ts [options])

A chat server: clients connect with "npm run client" or "nc HOST PORT".

Options, each also read from the environment variable in brackets:
  --host HOST           address to listen on [HOST] (default 127.0.0.1;
                        0.0.0.0 for the whole network, ::1 or :: for IPv6)
  --port PORT           port to listen on [PORT] (default 55555)
  --max-line BYTES      longest line accepted [MAX_LINE] (default 1024)
  --flood-burst LINES   lines a client may send at once [FLOOD_BURST] (default 10)
  --flood-rate LINES    lines per second after that [FLOOD_RATE] (default 1)
  --max-output BYTES    unsent bytes before a client is dropped as too slow
                        [MAX_OUTPUT] (default 1048576)
  --max-clients N       connections in all [MAX_CLIENTS] (default 1000)
  --max-per-ip N        connections per IP address [MAX_PER_IP] (default 10)
  --loopback-unlimited  no per-IP limit for 127.0.0.1 and ::1, for tests and
                        benchmarks [LOOPBACK_UNLIMITED=1]
  --nick-timeout S      seconds to choose a nickname [NICK_TIMEOUT] (default 20)
  --idle-timeout S      seconds of silence before a ping [IDLE_TIMEOUT] (default 120)
  --ping-timeout S      seconds to answer a ping [PING_TIMEOUT] (default 20)
  -h, --help            show this help`;

/** Read the options; throws an Error with a one-line message on a bad value. */
export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'max-line': { type: 'string' },
      'flood-burst': { type: 'string' },
      'flood-rate': { type: 'string' },
      'max-output': { type: 'string' },
      'max-clients': { type: 'string' },
      'max-per-ip': { type: 'string' },
      'loopback-unlimited': { type: 'boolean' },
      'nick-timeout': { type: 'string' },
      'idle-timeout': { type: 'string' },
      'ping-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  /** --max-line, else MAX_LINE, else the default. */
  const raw = (name: keyof typeof values): string | undefined => {
    const value = values[name] ?? env[name.toUpperCase().replace(/-/g, '_')];
    return value === undefined || value === '' ? undefined : String(value);
  };
  const number = (name: keyof typeof values, fallback: number, min = 0): number => {
    const text = raw(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number of at least ${min}, not "${text}"`);
    return value;
  };
  const port = number('port', DEFAULTS.port);
  if (!Number.isInteger(port) || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not "${port}"`);
  return {
    host: raw('host') ?? DEFAULTS.host,
    port,
    maxLine: number('max-line', DEFAULTS.maxLine, 16),
    floodBurst: number('flood-burst', DEFAULTS.floodBurst, 1),
    floodRate: number('flood-rate', DEFAULTS.floodRate, 0.001),
    maxOutput: number('max-output', DEFAULTS.maxOutput, 1024),
    maxClients: number('max-clients', DEFAULTS.maxClients, 1),
    maxPerIp: number('max-per-ip', DEFAULTS.maxPerIp, 1),
    loopbackUnlimited: values['loopback-unlimited'] ?? ['1', 'true', 'yes'].includes(env.LOOPBACK_UNLIMITED ?? ''),
    nickTimeout: number('nick-timeout', DEFAULTS.nickTimeout, 0.05),
    idleTimeout: number('idle-timeout', DEFAULTS.idleTimeout, 0.05),
    pingTimeout: number('ping-timeout', DEFAULTS.pingTimeout, 0.05),
  };
}
