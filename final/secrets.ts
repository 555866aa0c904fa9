/** Comparing passwords without telling a guesser, by the time taken, how much of a guess was right. */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Constant time: both sides are hashed to 32 bytes, then compared byte by byte in full. */
export function samePassword(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
