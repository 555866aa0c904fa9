// Challenge 14, the last: challenge 13's checks, then shutdown, logs and the
// command line. Together they are every server check of course/final/checks.ts
// (tests/challenges.test.ts holds the two lists equal).
import { finalServerChecks } from '../challenge.ts';
import { checks as before } from '../13-timeouts/checks.ts';

export const newChecks = finalServerChecks('graceful-shutdown', 'logs', 'cli');
export const checks = [...before, ...newChecks];
