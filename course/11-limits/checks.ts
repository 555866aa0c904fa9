// Challenge 11: challenge 10's checks, then the flood guard and connection limits.
import { finalServerChecks } from '../challenge.ts';
import { checks as before } from '../10-clean-text/checks.ts';

export const newChecks = finalServerChecks('flood', 'max-clients', 'max-per-ip');
export const checks = [...before, ...newChecks];
