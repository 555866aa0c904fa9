/**
 * What chat servers sharing one room tell each other, whatever carries it
 * (Redis today, see redis-link.ts): the events, their form on the wire, and
 * the two sides of a link, as the hub and the link see each other.
 */
import type { ModerationKind, Someone } from './context.ts';
import type { Ban } from './moderation.ts';

/**
 * What the servers' moderation stores tell each other, and Redis keeps for
 * the servers that start later: a ban (an address, after a kick), a mute (an
 * address and a nickname key). `until` is a time in ms since 1970.
 */
export type ModerationEvent =
  ({ t: 'ban' } & Ban) | { t: 'unban'; ip: string } | { t: 'mute'; ip: string; key: string; until: number } | { t: 'unmute'; ip: string; key: string };

/**
 * A wrong password (room or /op) from an address, `at` ms since 1970: every
 * server counts it, so that an address locked out on one is locked out on all,
 * and going from one server to another buys no more guesses.
 */
export type FailureEvent = { t: 'fail'; ip: string; at: number };

/** What servers tell each other. `line` is shown to everyone; the rest keeps the member lists right. */
export type LinkEvent =
  | { t: 'room'; line?: string; join?: [key: string, nick: string]; leave?: string; rename?: [oldKey: string, key: string, nick: string] }
  | { t: 'to'; key: string; line: string }
  | { t: 'mod'; key: string; kind: ModerationKind; by?: string; reason?: string }
  | ModerationEvent
  | FailureEvent;

/** On the wire: an event or a beat (a server's member list), with who sent it. */
export type Wire = (LinkEvent | { t: 'beat'; members: [key: string, nick: string][] }) & { s: string };

export function encodeWire(wire: Wire): string {
  return JSON.stringify(wire);
}

/** The other servers, as the hub sees them. */
export interface Link {
  /** Reserve a nickname in the whole room; false if someone, anywhere, has it. */
  claim(key: string, nick: string): Promise<boolean>;
  release(key: string): void;
  send(event: LinkEvent): void;
  /** Members on the other servers, as last heard. */
  remote(): Iterable<Someone>;
  close(): Promise<void>;
}

/** This server's room, as the link sees it (the Hub). */
export interface LinkHost {
  /** What another server said (a ban or mute too: for this server's moderation store). */
  receive(event: LinkEvent): void;
  /** Tell this server's members only (a split, a server gone). */
  local(line: string): void;
  /** Is this key a member of this server? */
  has(key: string): boolean;
  /** Give this server's member `key` a new, claimed, nickname, and say why to it; false when there is no such member. */
  rename(key: string, nick: string, newKey: string, why: string): boolean;
}
