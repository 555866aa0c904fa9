// Challenge 10: challenge 09's checks, then UTF-8 and terminal-safe text.
import { finalServerChecks } from '../challenge.ts';
import { checks as before } from '../09-rename-quit/checks.ts';

export const newChecks = finalServerChecks('bad-utf8', 'terminal-safe');
export const checks = [...before, ...newChecks];
