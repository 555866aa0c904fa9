/**
 * npm run cert: a self-signed certificate and its key for a class's server,
 * valid for this machine's name, its network addresses, localhost, 127.0.0.1
 * and ::1. Made in JavaScript (node-forge, the key by Node's own crypto), so it
 * works the same on Windows, macOS and Linux, with no openssl command; the
 * files are standard PEM that any TLS program reads.
 *
 *   npm run cert [-- --out DIR] [--name EXTRA-NAME ...] [--days N]
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import forge from 'node-forge';

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

/** Subject alternative names: type 7 is an IP address, type 2 a DNS name (RFC 5280). */
const altName = (name: string) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name });

/** Write cert.pem and key.pem into `out`, valid for `names` (the first is the common name). */
export function makeCertificate({ out, names, days }: CertOptions): { cert: string; key: string } {
  if (!names[0]) throw new Error('a certificate needs at least one name');
  if (!(days > 0)) throw new Error(`--days must be a positive number, not ${days}`);
  const { privateKey: keyPem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const privateKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  certificate.serialNumber = `01${randomBytes(15).toString('hex')}`; // positive, random, as RFC 5280 asks
  certificate.validity.notBefore = new Date(Date.now() - 60_000); // a minute early: clocks differ a little
  certificate.validity.notAfter = new Date(Date.now() + days * 86_400_000);
  const subject = [{ name: 'commonName', value: names[0] }];
  certificate.setSubject(subject);
  certificate.setIssuer(subject); // self-signed: the class trusts this very certificate
  certificate.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: names.map(altName) },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(privateKey, forge.md.sha256.create());

  mkdirSync(out, { recursive: true });
  const cert = path.join(out, 'cert.pem');
  const key = path.join(out, 'key.pem');
  writeFileSync(cert, forge.pki.certificateToPem(certificate));
  writeFileSync(key, keyPem, { mode: 0o600 }); // the key is the server's secret
  chmodSync(key, 0o600); // also when key.pem was already there
  return { cert, key };
}

const USAGE = `Usage: npm run cert -- [--out DIR] [--name NAME]... [--days N]

Makes DIR/cert.pem (for the students' --ca) and DIR/key.pem (the server's
secret), for this computer's names and addresses, and each --name.
  --out DIR    where to write them (default certs)
  --name NAME  one more host name or address the certificate is valid for
  --days N     how long it is valid (default 365)`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string', default: 'certs' },
        name: { type: 'string', multiple: true },
        days: { type: 'string', default: '365' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1) {
    console.error(`--days takes a whole number of days, not "${values.days}"`);
    process.exit(2);
  }
  const names = [...defaultNames(), ...(values.name ?? [])];
  try {
    const { cert, key } = makeCertificate({ out: values.out, names, days });
    console.log(`Created ${cert} (give it to the class) and ${key} (keep it secret), valid for:\n  ${names.join(', ')}

Start the server:       npm start -- --host 0.0.0.0 --tls-cert ${cert} --tls-key ${key}
Students connect with:  npm run client -- --host ${names.find((n) => /^\d+\.\d+\.\d+\.\d+$/.test(n) && n !== '127.0.0.1') ?? os.hostname()} --ca ${cert}`);
  } catch (error) {
    console.error(`Cannot create the certificate: ${(error as Error).message}`);
    process.exit(1);
  }
}
