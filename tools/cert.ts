/**
 * npm run cert: a self-signed certificate and its key for a class's server,
 * valid for this machine's name, its network addresses, localhost, 127.0.0.1
 * and ::1. Made with the openssl command (on Linux and macOS, and in Git for
 * Windows): no dependency, and standard PEM files any TLS program reads.
 *
 *   npm run cert [-- --out DIR] [--name EXTRA-NAME ...] [--days N]
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface CertOptions {
  out: string;
  names: string[];
  days: number;
}

/** The names and addresses a class will use to reach this machine. */
export function defaultNames(): string[] {
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((net) => net && !net.internal && net.family === 'IPv4')
    .map((net) => net!.address);
  return [...new Set([os.hostname(), 'localhost', '127.0.0.1', '::1', ...addresses])];
}

/** Write cert.pem and key.pem into `out`; throws with openssl's message if it fails. */
export function makeCertificate({ out, names, days }: CertOptions): { cert: string; key: string } {
  mkdirSync(out, { recursive: true });
  const cert = path.join(out, 'cert.pem');
  const key = path.join(out, 'key.pem');
  const san = names.map((name) => (/^[\d.]+$|:/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
  const result = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-sha256',
      '-days', String(days), '-keyout', key, '-out', cert, '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${san}`],
    { encoding: 'utf8' },
  );
  if (result.error) throw new Error('the openssl command is missing: install OpenSSL (on Debian: apt-get install openssl)');
  if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr.trim().split('\n').pop()}`);
  chmodSync(key, 0o600); // the key is the server's secret
  return { cert, key };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: 'certs' }, name: { type: 'string', multiple: true }, days: { type: 'string', default: '365' } },
  });
  const names = [...defaultNames(), ...(values.name ?? [])];
  try {
    const { cert, key } = makeCertificate({ out: values.out, names, days: Number(values.days) });
    console.log(`Created ${cert} (give it to the class) and ${key} (keep it secret), valid for:\n  ${names.join(', ')}

Start the server:       npm start -- --host 0.0.0.0 --tls-cert ${cert} --tls-key ${key}
Students connect with:  npm run client -- --host ${names.find((n) => /^\d+\.\d+\.\d+\.\d+$/.test(n) && n !== '127.0.0.1') ?? os.hostname()} --ca ${cert}`);
  } catch (error) {
    console.error(`Cannot create the certificate: ${(error as Error).message}`);
    process.exit(1);
  }
}
