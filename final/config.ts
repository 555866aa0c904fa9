/**
 * The server's settings: defaults that suit a class, overridden by
 * environment variables (PORT, MAX_LINE...) and then by command-line options.
 *
 * Every option and every limit is one row of OPTIONS below: parsing, the
 * environment variables and --help are all made from it. To add a limit,
 * add a field to ServerOptions and its row; the compiler asks for both.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { parseArgs } from 'node:util';
import { type Launch, launch, usageLine } from './launch.ts';

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
  /** Lines kept for a client while the room answers it (a nickname being reserved); beyond, they are dropped. */
  maxWaiting: number;
  maxClients: number;
  maxPerIp: number;
  /** Let loopback addresses open any number of connections (tests, benchmarks). */
  loopbackUnlimited: boolean;
  /** Seconds to give a nickname; seconds of silence before a ping; seconds to answer it. */
  nickTimeout: number;
  idleTimeout: number;
  pingTimeout: number;
  /** Seconds a client told goodbye may take to close its side (nc keeps it open). */
  quitGrace: number;
  /** Seconds for a TLS handshake (and to start one) before the connection is dropped. */
  handshakeTimeout: number;
  /** Seconds of silence after which a client of a TLS server is taken for a plain-text one. */
  tlsFirstByte: number;
  /** Encryption: the server's certificate and private key (PEM), or none. */
  tls?: { cert: Buffer; key: Buffer };
  /** The room's password, asked before the nickname, or none. */
  password?: string;
  /** Wrong room passwords allowed on one connection before it is closed. */
  passwordAttempts: number;
  /** Seconds to wait before answering a wrong password. */
  passwordDelay: number;
  /** The operators' password, for /op, or none (then nobody can moderate). */
  opPassword?: string;
  /** Wrong /op passwords allowed on one connection before it is closed. */
  opAttempts: number;
  /** Seconds a kicked address stays banned. */
  banSeconds: number;
  /** Seconds a mute lasts (it outlives reconnects), unless lifted by /unmute. */
  muteSeconds: number;
  /** Wrong passwords (room or /op) from one address within lockoutWindow seconds that lock it out for lockoutSeconds. */
  lockoutFailures: number;
  lockoutWindow: number;
  lockoutSeconds: number;
  /** New connections from one address: connectBurst at once, then connectRate per second. */
  connectBurst: number;
  connectRate: number;
  /** Join/leave notices one address may cause: noticeBurst at once, then noticeRate per second; beyond, it comes and goes unannounced. */
  noticeBurst: number;
  noticeRate: number;
  /** Share the room with other servers through this Redis (redis://host:port), or none. */
  redis?: string;
  /** Seconds over which repeated log events (refusals, wrong passwords, TLS errors) are counted into one line. */
  logSummary: number;
}

// ------------------------------------------------------------------ the table

type NumberRow = { kind: 'number'; fallback: number; min: number; max?: number; unit: string };
type TextRow = { kind: 'text'; unit: string };
type SecretRow = { kind: 'secret'; flag: string; secretEnv: string };
/** A row: how one field of ServerOptions is given (`optional`: it may be absent), and what --help says of it. */
type Row<T, Optional extends boolean> = { help: string; env?: string } & ([T] extends [number]
  ? NumberRow
  : [T] extends [boolean]
    ? { kind: 'flag' }
    : [T] extends [string]
      ? Optional extends true
        ? TextRow | SecretRow
        : TextRow & { fallback: string }
      : { kind: 'tls' });

// `{} extends Pick<T, K>` is true exactly when K is an optional key of T.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
const OPTIONS: { [K in keyof ServerOptions]-?: Row<NonNullable<ServerOptions[K]>, {} extends Pick<ServerOptions, K> ? true : false> } = {
  host: { kind: 'text', fallback: '127.0.0.1', unit: 'HOST', help: 'address to listen on (0.0.0.0 for the whole network, ::1 or :: for IPv6)' },
  port: { kind: 'number', fallback: 55555, min: 0, max: 65535, unit: 'PORT', help: 'port to listen on' },
  maxLine: { kind: 'number', fallback: 1024, min: 16, unit: 'BYTES', help: 'longest line accepted' },
  floodBurst: { kind: 'number', fallback: 10, min: 1, unit: 'LINES', help: 'lines a client may send at once' },
  floodRate: { kind: 'number', fallback: 1, min: 0.001, unit: 'LINES', help: 'lines per second after that' },
  maxOutput: { kind: 'number', fallback: 1024 * 1024, min: 1024, unit: 'BYTES', help: 'unsent bytes before a client is dropped as too slow' },
  maxWaiting: { kind: 'number', fallback: 100, min: 1, unit: 'LINES', help: 'lines kept for a client while its nickname is reserved' },
  maxClients: { kind: 'number', fallback: 1000, min: 1, unit: 'N', help: 'connections in all' },
  maxPerIp: { kind: 'number', fallback: 10, min: 1, unit: 'N', help: 'connections per IP address' },
  loopbackUnlimited: { kind: 'flag', help: 'no per-address limit (connections, their rate, notices) for 127.0.0.1 and ::1, for benchmarks' },
  nickTimeout: { kind: 'number', fallback: 20, min: 0.05, unit: 'S', help: 'seconds to choose a nickname' },
  idleTimeout: { kind: 'number', fallback: 120, min: 0.05, unit: 'S', help: 'seconds of silence before a ping' },
  pingTimeout: { kind: 'number', fallback: 20, min: 0.05, unit: 'S', help: 'seconds to answer a ping' },
  quitGrace: { kind: 'number', fallback: 2, min: 0, unit: 'S', help: 'seconds a client told goodbye has to close its side' },
  handshakeTimeout: { kind: 'number', fallback: 10, min: 0.05, unit: 'S', help: 'seconds to complete a TLS handshake' },
  tlsFirstByte: { kind: 'number', fallback: 1, min: 0.05, unit: 'S', help: 'seconds of silence before a TLS server says "plain text refused"' },
  tls: { kind: 'tls', help: 'encrypt with TLS: the certificate (PEM), with --tls-key FILE, its private key' },
  password: { kind: 'secret', flag: 'password-file', secretEnv: 'CHAT_PASSWORD', help: 'ask the password in FILE before the nickname' },
  passwordAttempts: { kind: 'number', fallback: 3, min: 1, unit: 'N', help: 'wrong room passwords before the connection is closed' },
  passwordDelay: { kind: 'number', fallback: 1, min: 0, unit: 'S', help: 'seconds before answering a wrong password' },
  opPassword: { kind: 'secret', flag: 'op-password-file', secretEnv: 'OP_PASSWORD', help: "the operators' password for /op, in FILE" },
  opAttempts: { kind: 'number', fallback: 3, min: 1, unit: 'N', help: 'wrong /op passwords before the connection is closed' },
  banSeconds: { kind: 'number', fallback: 60, min: 0, unit: 'S', help: 'seconds a kicked address stays banned' },
  muteSeconds: { kind: 'number', fallback: 1800, min: 1, unit: 'S', help: 'seconds a mute lasts, reconnecting or not' },
  lockoutFailures: { kind: 'number', fallback: 5, min: 1, unit: 'N', help: 'wrong passwords (room or /op) from one address that lock it out' },
  lockoutWindow: { kind: 'number', fallback: 600, min: 1, unit: 'S', help: '... counted over this many seconds' },
  lockoutSeconds: { kind: 'number', fallback: 600, min: 1, unit: 'S', help: 'seconds an address stays locked out of both passwords' },
  connectBurst: { kind: 'number', fallback: 20, min: 1, unit: 'N', help: 'new connections one address may open at once' },
  connectRate: { kind: 'number', fallback: 0.5, min: 0.001, unit: 'N', help: 'new connections per second after that' },
  noticeBurst: { kind: 'number', fallback: 6, min: 1, unit: 'N', help: 'arrivals and renames one address may have announced at once' },
  noticeRate: { kind: 'number', fallback: 0.5, min: 0.001, unit: 'N', help: 'announced arrivals and renames per second after that' },
  redis: { kind: 'text', unit: 'URL', env: 'REDIS_URL', help: 'share one room with other servers through Redis, e.g. redis://127.0.0.1:6379' },
  logSummary: {
    kind: 'number',
    fallback: 10,
    min: 0.05,
    unit: 'S',
    help: 'repeated log events from one address (refusals, wrong passwords, TLS errors): one line, then a count every S seconds',
  },
};

type Field = keyof ServerOptions;
type AnyRow = (typeof OPTIONS)[Field];

/** maxLine is --max-line. */
const flagOf = (field: string) => field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** --max-line is MAX_LINE. */
const envOf = (flag: string) => flag.toUpperCase().replace(/-/g, '_');
const rows = Object.entries(OPTIONS) as [Field, AnyRow][];

/** The command-line flags of a row (tls has two). */
function flagsOf(field: Field, row: AnyRow): string[] {
  if (row.kind === 'tls') return ['tls-cert', 'tls-key'];
  if (row.kind === 'secret') return [row.flag];
  return [flagOf(field)];
}

// ------------------------------------------------------------------ --help

/** "  --flag VALUE   help [ENV]", the help wrapped to 80 columns under its own column. */
function helpLine(left: string, help: string, env: string): string {
  const words = `${help} [${env}]`.split(' ');
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= 55) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const head = `  ${left}`;
  const body = lines.join(`\n${' '.repeat(25)}`);
  return head.length < 25 ? `${head.padEnd(25)}${body}` : `${head}\n${' '.repeat(25)}${body}`;
}

/** --help: made from the table of options; `run` says how this copy starts (npm scripts, or node dist/*.js once built). */
export const usage = (run: Launch = launch()): string =>
  [
    `Usage: ${usageLine(run.usage('server'), 'or:')}`,
    '',
    `A chat server: clients connect with "${run.command('client')}" or "nc HOST PORT".`,
    'Each option can also be set with the environment variable in brackets.',
    '',
    ...rows.map(([field, row]) => {
      const flag = flagsOf(field, row)[0]!;
      switch (row.kind) {
        case 'number':
          return helpLine(`--${flag} ${row.unit}`, `${row.help} (default ${row.fallback})`, row.env ?? envOf(flag));
        case 'text':
          return helpLine(`--${flag} ${row.unit}`, `${row.help}${'fallback' in row ? ` (default ${row.fallback})` : ''}`, row.env ?? envOf(flag));
        case 'flag':
          return helpLine(`--${flag}`, row.help, `${row.env ?? envOf(flag)}=1`);
        case 'tls':
          return helpLine('--tls-cert FILE', row.help, 'TLS_CERT, TLS_KEY');
        case 'secret':
          return helpLine(`--${flag} FILE`, row.help, `${envOf(flag)}, or the password itself in ${row.secretEnv}`);
      }
    }),
    '  -h, --help             show this help',
    '',
    'Create a certificate for a class with "npm run cert".',
  ].join('\n');

// ------------------------------------------------------------------ parsing

/** Why a file cannot be read, in a few words, with its error code. */
function whyUnreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const why: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'a directory, not a file' };
  return `${why[code] ?? 'cannot read it'} (${code})`;
}

/**
 * Read a file given on the command line, or explain in one line why not.
 * A secret file's name is not repeated: it may be the secret itself, typed
 * by mistake (--password-file hunter2).
 */
function readOption(option: string, file: string, secret = false): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`--${option}: ${secret ? 'cannot read the file' : `cannot read ${file}`}: ${whyUnreadable(error)}`);
  }
}

/** The certificate and its key, read and checked: a wrong file is named here, not as a TLS error later. */
function readTls(certFile: string, keyFile: string): { cert: Buffer; key: Buffer } {
  const cert = readOption('tls-cert', certFile);
  const key = readOption('tls-key', keyFile, true);
  try {
    new X509Certificate(cert);
  } catch {
    throw new Error(`--tls-cert: ${certFile} is not a certificate in PEM form (-----BEGIN CERTIFICATE-----)`);
  }
  try {
    createPrivateKey(key);
  } catch {
    throw new Error('--tls-key: the file is not a private key in PEM form (-----BEGIN PRIVATE KEY-----)');
  }
  try {
    createSecureContext({ cert, key });
  } catch {
    throw new Error('--tls-key is not the key of the certificate in --tls-cert: give the pair made together (npm run cert)');
  }
  return { cert, key };
}

/** Read the options; throws an Error with a one-line message on a bad value. */
export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(
        rows.flatMap(([field, row]) => flagsOf(field, row).map((flag) => [flag, { type: row.kind === 'flag' ? ('boolean' as const) : ('string' as const) }])),
      ),
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const given: Record<string, string | boolean | undefined> = values;
  /** --max-line, else MAX_LINE (or the row's own variable); empty counts as unset. */
  const raw = (flag: string, row?: AnyRow): string | undefined => {
    const value = given[flag] ?? env[row?.env ?? envOf(flag)];
    return value === undefined || value === '' || typeof value === 'boolean' ? undefined : value;
  };
  const options: Record<string, unknown> = {};
  for (const [field, row] of rows) {
    const flag = flagsOf(field, row)[0]!;
    switch (row.kind) {
      case 'number': {
        const text = raw(flag, row);
        if (text === undefined) {
          options[field] = row.fallback;
          break;
        }
        const value = Number(text);
        if (row.max !== undefined && (!Number.isInteger(value) || value < row.min || value > row.max)) {
          throw new Error(`--${flag} must be a whole number from ${row.min} to ${row.max}, not "${text}"`);
        }
        if (!Number.isFinite(value) || value < row.min) throw new Error(`--${flag} must be a number of at least ${row.min}, not "${text}"`);
        options[field] = value;
        break;
      }
      case 'text': {
        const text = raw(flag, row) ?? ('fallback' in row ? row.fallback : undefined);
        if (text !== undefined) options[field] = text;
        break;
      }
      case 'flag':
        options[field] = given[flag] === true || ['1', 'true', 'yes'].includes(env[row.env ?? envOf(flag)] ?? '');
        break;
      case 'tls': {
        const [cert, key] = [raw('tls-cert'), raw('tls-key')];
        if (Boolean(cert) !== Boolean(key)) throw new Error('--tls-cert and --tls-key go together: give both');
        if (cert && key) options[field] = readTls(cert, key);
        break;
      }
      case 'secret': {
        const file = raw(flag);
        const value = file
          ? readOption(flag, file, true)
              .toString('utf8')
              .replace(/\r?\n$/, '')
          : env[row.secretEnv] || undefined;
        if (value === '') throw new Error(`--${flag}: the password is empty`);
        if (value !== undefined) options[field] = value;
        break;
      }
    }
  }
  return options as unknown as ServerOptions; // every field was set from its row above
}

/** The defaults, as a server started with no option has them. */
export const DEFAULTS = parseServerArgs([], {}) as ServerOptions;
