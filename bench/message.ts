/**
 * What the load generator sends: a body of a fixed size that carries an id
 * and the time it was sent, in ASCII so that every server relays it as is:
 *
 *   <0000000042 000001234567 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx>
 *    id (10)    sent at, µs (12)        filler up to the size
 *
 * Receivers check four bytes to tell a whole body from a cut or glued one,
 * and parse the timestamp only.
 */
export const BODY_SIZE = 64;
const ID_AT = 1;
const ID_DIGITS = 10;
const SENT_AT = ID_AT + ID_DIGITS + 1;
const SENT_DIGITS = 12;
export const MIN_BODY_SIZE = SENT_AT + SENT_DIGITS + 2;

const OPEN = 0x3c; // <
const CLOSE = 0x3e; // >
const SPACE = 0x20;
const ZERO = 0x30;

/** Write a body of `size` bytes at `offset`. */
export function writeBody(target: Buffer, offset: number, id: number, sentUs: number, size = BODY_SIZE): void {
  if (size < MIN_BODY_SIZE) throw new Error(`a body needs at least ${MIN_BODY_SIZE} bytes`);
  target.fill(0x78, offset, offset + size); // x
  target[offset] = OPEN;
  writeDigits(target, offset + ID_AT, ID_DIGITS, id);
  target[offset + SENT_AT - 1] = SPACE;
  writeDigits(target, offset + SENT_AT, SENT_DIGITS, sentUs);
  target[offset + SENT_AT + SENT_DIGITS] = SPACE;
  target[offset + size - 1] = CLOSE;
}

function writeDigits(target: Buffer, at: number, digits: number, value: number): void {
  let rest = Math.max(0, Math.floor(value));
  for (let i = at + digits - 1; i >= at; i--) {
    target[i] = ZERO + (rest % 10);
    rest = Math.floor(rest / 10);
  }
}

/** Does a whole body of `size` bytes start at `at`? (Four bytes checked: cheap, and a cut body fails it.) */
export function isBody(bytes: Buffer, at: number, size = BODY_SIZE): boolean {
  return (
    at >= 0 &&
    at + size <= bytes.length &&
    bytes[at] === OPEN &&
    bytes[at + size - 1] === CLOSE &&
    bytes[at + SENT_AT - 1] === SPACE &&
    bytes[at + SENT_AT + SENT_DIGITS] === SPACE
  );
}

/** The send time, in µs, of the body at `at`. */
export function readSentUs(bytes: Buffer, at: number): number {
  let value = 0;
  for (let i = at + SENT_AT, end = i + SENT_DIGITS; i < end; i++) value = value * 10 + (bytes[i]! - ZERO);
  return value;
}

/** The id of the body at `at` (for debugging and tests: receivers do not need it). */
export function readId(bytes: Buffer, at: number): number {
  let value = 0;
  for (let i = at + ID_AT, end = i + ID_DIGITS; i < end; i++) value = value * 10 + (bytes[i]! - ZERO);
  return value;
}
