// Challenge 08: challenge 07's checks, then /list, /me, /help and /msg.
import { finalServerChecks } from '../challenge.ts';
import { checks as before } from '../07-nicknames/checks.ts';

export const newChecks = finalServerChecks('list-me-help', 'private');
export const checks = [...before, ...newChecks];
