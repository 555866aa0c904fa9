/**
 * The server's settings: defaults that suit a class, overridden by
 * environment variables (PORT, MAX_LINE...) and then by command-line options.
 */
import { readFileSync } from 'node:fs';
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
  /** Seconds for a TLS handshake (and to start one) before the connection is dropped. */
  handshakeTimeout: number;
  /** Encryption: the server's certificate and private key (PEM), or none. */
  tls?: { cert: Buffer; key: Buffer };
  /** The room's password, asked before the nickname, or none. */
  password?: string;
  /** Seconds to wait before answering a wrong password. */
  passwordDelay: number;
  /** The operators' password, for /op, or none (then nobody can moderate). */
  opPassword?: string;
  /** Seconds a kicked address stays banned. */
  banSeconds: number;
  /** Share the room with other servers through this Redis (redis://host:port), or none. */
  redis?: string;
}

/** The numeric options: --name, the NAME environment variable, default, minimum, help. */
const NUMBERS = {
  port: [55555, 0, 'PORT', 'port to listen on'],
  'max-line': [1024, 16, 'BYTES', 'longest line accepted'],
  'flood-burst': [10, 1, 'LINES', 'lines a client may send at once'],
  'flood-rate': [1, 0.001, 'LINES', 'lines per second after that'],
  'max-output': [1024 * 1024, 1024, 'BYTES', 'unsent bytes before a client is dropped as too slow'],
  'max-clients': [1000, 1, 'N', 'connections in all'],
  'max-per-ip': [10, 1, 'N', 'connections per IP address'],
  'nick-timeout': [20, 0.05, 'S', 'seconds to choose a nickname'],
  'idle-timeout': [120, 0.05, 'S', 'seconds of silence before a ping'],
  'ping-timeout': [20, 0.05, 'S', 'seconds to answer a ping'],
  'handshake-timeout': [10, 0.05, 'S', 'seconds to complete a TLS handshake'],
  'password-delay': [1, 0, 'S', 'seconds before answering a wrong password'],
  'ban-seconds': [60, 0, 'S', 'seconds a kicked address stays banned'],
} as const;
type NumberOption = keyof typeof NUMBERS;

/** The environment variable of an option: --max-line is MAX_LINE. */
const envName = (option: string) => option.toUpperCase().replace(/-/g, '_');

export const USAGE = `Usage: npm start -- [options]      (or: npx tsx final/server.ts [options])

A chat server: clients connect with "npm run client" or "nc HOST PORT".
Each option can also be set with the environment variable in brackets.

  --host HOST            address to listen on [HOST] (default 127.0.0.1;
                         0.0.0.0 for the whole network, ::1 or :: for IPv6)
${Object.entries(NUMBERS)
  .map(([name, [fallback, , unit, help]]) => `  --${`${name} ${unit}`.padEnd(21)}${help}\n${' '.repeat(25)}[${envName(name)}] (default ${fallback})`)
  .join('\n')}
  --loopback-unlimited   no per-IP limit for 127.0.0.1 and ::1, for tests and
                         benchmarks [LOOPBACK_UNLIMITED=1]
  --redis URL            share one room with other servers through Redis,
                         e.g. redis://127.0.0.1:6379 [REDIS_URL]
  --tls-cert FILE        encrypt with TLS: the certificate (PEM) [TLS_CERT]
  --tls-key FILE         ... and its private key (PEM) [TLS_KEY]
  --password-file FILE   ask this password before the nickname
                         [or the password itself in CHAT_PASSWORD]
  --op-password-file FILE
                         the operators' password for /op
                         [or the password itself in OP_PASSWORD]
  -h, --help             show this help

Create a certificate for a class with "npm run cert".`;

/** Read a file given on the command line, or explain in one line why not. */
function readOption(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`--${option}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Read the options; throws an Error with a one-line message on a bad value. */
export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerOptions | 'help' {
  const strings = ['host', 'redis', 'tls-cert', 'tls-key', 'password-file', 'op-password-file', ...Object.keys(NUMBERS)];
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(strings.map((name) => [name, { type: 'string' as const }])),
      'loopback-unlimited': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  /** --max-line, else MAX_LINE; empty counts as unset. */
  const given: Record<string, string | boolean | undefined> = values;
  const raw = (name: string): string | undefined => {
    const value = given[name] ?? env[name === 'redis' ? 'REDIS_URL' : envName(name)];
    return value === undefined || value === '' || typeof value === 'boolean' ? undefined : value;
  };
  const number = (name: NumberOption): number => {
    const [fallback, min] = NUMBERS[name];
    const text = raw(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number of at least ${min}, not "${text}"`);
    return value;
  };
  const port = number('port');
  if (!Number.isInteger(port) || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not "${port}"`);
  const secret = (fileOption: string, envVar: string): string | undefined => {
    const file = raw(fileOption);
    const value = file ? readOption(fileOption, file).toString('utf8').replace(/\r?\n$/, '') : env[envVar] || undefined;
    if (value === '') throw new Error(`--${fileOption}: the password is empty`);
    return value;
  };
  const [cert, key] = [raw('tls-cert'), raw('tls-key')];
  if (Boolean(cert) !== Boolean(key)) throw new Error('--tls-cert and --tls-key go together: give both');
  return {
    host: raw('host') ?? '127.0.0.1',
    port,
    maxLine: number('max-line'),
    floodBurst: number('flood-burst'),
    floodRate: number('flood-rate'),
    maxOutput: number('max-output'),
    maxClients: number('max-clients'),
    maxPerIp: number('max-per-ip'),
    loopbackUnlimited: values['loopback-unlimited'] === true || ['1', 'true', 'yes'].includes(env.LOOPBACK_UNLIMITED ?? ''),
    nickTimeout: number('nick-timeout'),
    idleTimeout: number('idle-timeout'),
    pingTimeout: number('ping-timeout'),
    handshakeTimeout: number('handshake-timeout'),
    ...(cert && key && { tls: { cert: readOption('tls-cert', cert), key: readOption('tls-key', key) } }),
    password: secret('password-file', 'CHAT_PASSWORD'),
    passwordDelay: number('password-delay'),
    opPassword: secret('op-password-file', 'OP_PASSWORD'),
    banSeconds: number('ban-seconds'),
    ...(raw('redis') !== undefined && { redis: raw('redis')! }),
  };
}

/** The defaults, as a server started with no option has them. */
export const DEFAULTS = parseServerArgs([], {}) as ServerOptions;
