// Challenge 12: challenge 11's checks, then a bounded output per client.
import { finalServerChecks } from '../challenge.ts';
import { checks as before } from '../11-limits/checks.ts';

export const newChecks = finalServerChecks('slow-consumer');
export const checks = [...before, ...newChecks];
