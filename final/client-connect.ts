/**
 * Opening the client's connection, in clear or with TLS, and turning what
 * can go wrong into one sentence the user can act on.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import type { Messages } from './i18n.ts';
import { launch } from './launch.ts';

export interface Target {
  host: string;
  port: number;
  /** Encrypt; trust `ca` (a certificate, PEM) or, without it, the system's certificates. */
  tls: boolean;
  ca?: Buffer;
}

/** The certificate to trust (--ca FILE), read and checked; throws an Error whose message is one sentence for the user. */
export function readCa(file: string, t: Messages): Buffer {
  let pem: Buffer;
  try {
    pem = readFileSync(file);
  } catch (error) {
    throw new Error(t.caUnreadable(file, (error as NodeJS.ErrnoException).code ?? 'error'));
  }
  try {
    new X509Certificate(pem);
  } catch {
    throw new Error(t.caInvalid(file));
  }
  return pem;
}

/** "127.0.0.1:55555", "[::1]:55555". */
export const describe = ({ host, port }: Target) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

// #region connect
/** Connect; a certificate that is not trusted, or not for this host, fails the TLS handshake. */
export function connect(target: Target): net.Socket {
  const { host, port } = target;
  if (!target.tls) return net.connect({ host, port });
  return tls.connect({
    host,
    port,
    ...(target.ca && { ca: target.ca }),
    ...(!net.isIP(host) && { servername: host }), // SNI takes names, not addresses
  });
}
// #endregion connect

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** One sentence for a connection error, in the user's language. */
export function explain(err: NodeJS.ErrnoException, target: Target, t: Messages): string {
  const where = describe(target);
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED') return t.refused(where, launch().command('server'));
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return t.unknownHost(target.host);
  if (UNTRUSTED.has(code)) return t.untrusted(where);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return t.wrongHost(target.host);
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') return t.notTls(where);
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.startsWith('CERT_')) return t.tlsFailed(err.message);
  return t.unreachable(where, err.message);
}
