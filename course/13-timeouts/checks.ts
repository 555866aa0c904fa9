// Challenge 13: challenge 12's checks, then the nickname timeout and the ping.
import { finalServerChecks } from '../challenge.ts';
import { checks as before } from '../12-slow-reader/checks.ts';

export const newChecks = finalServerChecks('nick-timeout', 'ping');
export const checks = [...before, ...newChecks];
