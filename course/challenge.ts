// What every challenge shares: its checks are the final chatroom's, picked by
// id (course/final/checks.ts), so a challenge never checks a behaviour in its
// own way, and the last challenge's server passes the same checks as final/.
import type { Check } from '../checker/check.ts';
import { checks as finalChecks } from './final/checks.ts';

/** The final chatroom's server checks with these ids, in the order given. */
export function finalServerChecks(...ids: string[]): Check[] {
  return ids.map((id) => {
    const check = finalChecks.find((candidate) => candidate.id === id);
    if (!check || !check.needs.includes('server')) throw new Error(`course/final/checks.ts has no server check "${id}"`);
    return check;
  });
}
