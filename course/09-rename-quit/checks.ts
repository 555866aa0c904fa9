// Challenge 09: challenge 08's checks, then /nick and /quit.
import { finalServerChecks } from '../challenge.ts';
import { checks as before } from '../08-commands/checks.ts';

export const newChecks = finalServerChecks('nick-command', 'quit-reason', 'quit-half-open');
export const checks = [...before, ...newChecks];
