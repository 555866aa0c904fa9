/** What a server should say at start about its TLS certificate and its passwords. */
import { X509Certificate } from 'node:crypto';
import type { ServerOptions } from './config.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Warn this many days before the certificate expires: time to make a new one before a class. */
export const EXPIRY_WARNING_DAYS = 7;

/** A one-line warning when the certificate has expired or soon will, or nothing. */
export function certificateWarning(pem: Buffer, now = Date.now()): string | undefined {
  const validTo = new Date(new X509Certificate(pem).validTo);
  const date = validTo.toISOString().slice(0, 16).replace('T', ' ');
  const renew = 'make a new one with "npm run cert" and give it to the class';
  if (validTo.getTime() <= now) return `the TLS certificate expired on ${date} UTC: clients will refuse it; ${renew}`;
  const days = (validTo.getTime() - now) / DAY;
  if (days <= EXPIRY_WARNING_DAYS) return `the TLS certificate expires on ${date} UTC (in ${Math.ceil(days)} day(s)): ${renew}`;
  return undefined;
}

/** A one-line warning when a password would cross the network in clear, or nothing. */
export function clearPasswordWarning(options: Pick<ServerOptions, 'password' | 'opPassword' | 'tls'>): string | undefined {
  const which = [options.password !== undefined && 'room', options.opPassword !== undefined && 'operator'].filter(Boolean);
  if (which.length === 0 || options.tls) return undefined;
  return `the ${which.join(' and ')} password${which.length > 1 ? 's' : ''} cross the network in clear text without TLS: anyone on the network can read them (use --tls-cert and --tls-key, see "npm run cert")`;
}
