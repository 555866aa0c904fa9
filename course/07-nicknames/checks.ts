// Challenge 07: challenge 06's checks, then valid and unique nicknames.
import { finalServerChecks } from '../challenge.ts';
import { checks as before } from '../06-lines/checks.ts';

export const newChecks = finalServerChecks('nick-refused', 'nick-unique');
export const checks = [...before, ...newChecks];
