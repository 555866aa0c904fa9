// Challenge 06: challenge 05's checks, then framing and the line limit.
import { finalServerChecks } from '../challenge.ts';
import { checks as before } from '../05-notices/checks.ts';

export const newChecks = finalServerChecks('crlf-telnet', 'no-spoofing', 'order-no-loss', 'too-long', 'bounded-memory');
export const checks = [...before, ...newChecks];
