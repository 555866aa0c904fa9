// Challenge 05: the first of the challenges; a server of the final protocol's
// handshake, notices and signed messages. Each later challenge adds its own
// checks to these (cumulative, as codecrafters' stages).
import { finalServerChecks } from '../challenge.ts';

export const newChecks = finalServerChecks('handshake', 'abrupt-leave', 'startup-line');
export const checks = newChecks;
