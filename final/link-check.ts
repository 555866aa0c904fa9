/**
 * Whatever arrives on the Redis channel is input, like what a client types:
 * anyone who can reach Redis can publish there. A message is delivered only
 * when it has the exact form a chat server sends (a strict schema per event
 * type), its lines are clean (sanitize.ts would not change them) and have
 * the protocol's shapes, and what it says agrees with what we know: a message
 * is signed by a member of the server that sent it, a kick or mute was
 * announced before it is applied, a ban names a member just kicked.
 * Anything else is dropped, with the reason for the log (never its content).
 */
import net from 'node:net';
import type { ModerationKind } from './context.ts';
import type { Wire } from './link.ts';
import { checkNick } from './nick.ts';
import { isOneOf, LEAVE_REASONS, parseServerLine } from './protocol.ts';
import { sanitize } from './sanitize.ts';

/** A server's id on the channel (see RedisLink.id). */
export const SERVER_ID = /^[0-9a-f]{8}$/;
/** Bounds far above what a chat server sends: a message, a line, a beat's member list. */
export const MAX_MESSAGE = 1 << 20;
const MAX_LINE = 16384;
const MAX_MEMBERS = 10000;
/** How long an announced kick or mute waits for the event that applies it (the ban that follows a kick). */
const ANNOUNCED_MS = 60000;
/** A ban or mute lasts at most this long (a year): a later `until` is a forgery. */
const MAX_SPAN_MS = 365 * 24 * 3600 * 1000;
/** How far from now a wrong password typed on another server may be dated (clocks differ a little). */
const FAIL_SPAN_MS = 60000;

/** Notices a server may say to the whole room (the others are for one client, or local to a server). */
const ROOM_NOTICES = ['joined', 'left', 'renamed', 'operator', 'kicked', 'muted', 'unmuted'] as const;

type Fields = Record<string, unknown>;

const isString = (v: unknown, max = 256): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isLine = (v: unknown): v is string => isString(v, MAX_LINE) && sanitize(v) === v;
const isTime = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0 && (v as number) < Date.now() + MAX_SPAN_MS;
const isIp = (v: unknown): v is string => isString(v, 64) && net.isIP(v) !== 0;
const isNick = (v: unknown): v is string => isString(v, 64) && checkNick(v).ok;
/** Who moderated: a nickname, or "?" when the server that applied it was not told. */
const isBy = (v: unknown): boolean => v === '?' || isNick(v);
/** A kick's reason: free text, possibly empty, as clean as a line. */
const isReason = (v: unknown): boolean => typeof v === 'string' && (v === '' || isLine(v)) && v.length <= 1024;
/** A [key, nick] pair as a server sends it: the nick valid and normalised, the key its own. */
const isMember = (v: unknown): v is [string, string] => {
  if (!Array.isArray(v) || v.length !== 2 || !isString(v[0]) || !isString(v[1])) return false;
  const check = checkNick(v[1]);
  return check.ok && check.nick === v[1] && check.key === v[0];
};
/** Exactly these fields, each of the right form. */
const shape = (o: Fields, fields: Record<string, (v: unknown) => boolean>, optional: string[] = []): boolean =>
  Object.keys(o).every((name) => name in fields) &&
  Object.entries(fields).every(([name, ok]) => (o[name] === undefined ? optional.includes(name) : ok(o[name])));

// #region schema
const SCHEMAS: Record<Wire['t'], { fields: Record<string, (v: unknown) => boolean>; optional?: string[] }> = {
  room: {
    fields: {
      line: isLine,
      join: isMember,
      leave: (v) => isString(v),
      rename: (v) => Array.isArray(v) && v.length === 3 && isString(v[0]) && isMember(v.slice(1)),
    },
    optional: ['line', 'join', 'leave', 'rename'],
  },
  to: { fields: { key: (v) => isString(v), line: isLine } },
  mod: {
    fields: { key: (v) => isString(v), kind: (v) => v === 'kick' || v === 'mute' || v === 'unmute', by: isNick, reason: isReason },
    optional: ['by', 'reason'],
  },
  beat: { fields: { members: (v) => Array.isArray(v) && v.length <= MAX_MEMBERS && v.every(isMember) } },
  ban: { fields: { ip: isIp, nick: isNick, by: isBy, reason: isReason, until: isTime } },
  unban: { fields: { ip: isIp } },
  mute: { fields: { ip: isIp, key: (v) => isString(v), until: isTime } },
  unmute: { fields: { ip: isIp, key: (v) => isString(v) } },
  fail: { fields: { ip: isIp, at: isTime } },
};

// #endregion schema

/** Read a message from the channel: the wire, or why it is not one a chat server sends. */
export function parseWire(text: string): Wire | { dropped: string } {
  if (text.length > MAX_MESSAGE) return { dropped: 'too long' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { dropped: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { dropped: 'not an object' };
  const { s, t, ...rest } = value as Fields;
  if (typeof s !== 'string' || !SERVER_ID.test(s)) return { dropped: 'no valid server id' };
  if (typeof t !== 'string' || !Object.hasOwn(SCHEMAS, t)) return { dropped: 'unknown type' };
  const schema = SCHEMAS[t as Wire['t']];
  if (!shape(rest, schema.fields, schema.optional)) return { dropped: `malformed ${t}` };
  if (t === 'room' && Object.keys(rest).length === 0) return { dropped: 'empty room event' };
  return value as Wire;
}

/**
 * A server's members, key → nick, that can also say at once whether a
 * nickname is one of theirs: every message from the channel is checked so,
 * and a search of the values cost each message a look at every member.
 */
export class Members extends Map<string, string> {
  /** Their nicknames, made at the first question, then kept up to date. */
  #nicks: Set<string> | undefined;

  override set(key: string, nick: string): this {
    const old = super.get(key);
    if (old !== undefined) this.#nicks?.delete(old);
    this.#nicks?.add(nick);
    return super.set(key, nick);
  }

  override delete(key: string): boolean {
    const old = super.get(key);
    if (old !== undefined) this.#nicks?.delete(old);
    return super.delete(key);
  }

  override clear(): void {
    this.#nicks = undefined;
    super.clear();
  }

  hasNick(nick: string): boolean {
    this.#nicks ??= new Set(this.values());
    return this.#nicks.has(nick);
  }
}

/** What the link knows of each server: its members. */
export type MembersOf = (server: string) => Members | undefined;

/** The members of a server never heard of. */
const NOBODY = new Members();

/**
 * The checks that need what was heard before: who is a member of which
 * server, which kicks and mutes were announced. One per link.
 */

export class ChannelCheck {
  /** Announced moderation (`kick|mute|unmute <key>`), with when: a `mod` event or a ban must follow one. */
  #announced = new Map<string, number>();

  constructor(private readonly membersOf: MembersOf) {}

  /** Why this well-formed message must be dropped, or undefined when it may be delivered (and is then taken into account). */
  check(wire: Wire): string | undefined {
    const members = this.membersOf(wire.s) ?? NOBODY;
    const isMemberNick = (nick: string | undefined) => nick !== undefined && members.hasNick(nick);
    switch (wire.t) {
      case 'beat':
        return undefined;
      case 'room': {
        if (wire.leave !== undefined && !members.has(wire.leave)) return 'leave of a non-member';
        if (wire.rename && !members.has(wire.rename[0])) return 'rename of a non-member';
        if (wire.line === undefined) return undefined;
        const line = parseServerLine(wire.line);
        if (line.kind === 'message' || line.kind === 'action') {
          if (wire.join || wire.leave || wire.rename) return 'message with a membership change';
          return isMemberNick(line.from) ? undefined : 'message from a nick not on its server';
        }
        if (line.kind !== 'notice' || !isOneOf(ROOM_NOTICES, line.code)) return 'room line of no known shape';
        const [first, second, ...more] = line.args;
        const only = (fields: string) => fields === ['join', 'leave', 'rename'].filter((f) => wire[f as 'join'] !== undefined).join();
        const bad = (() => {
          switch (line.code) {
            case 'joined':
              return !only('join') || line.trailing !== undefined || second !== undefined || first !== wire.join![1];
            case 'left':
              return !only('leave') || more.length > 0 || first !== members.get(wire.leave!) || !isOneOf(LEAVE_REASONS, second ?? '');
            case 'renamed':
              return !only('rename') || line.trailing !== undefined || more.length > 0 || first !== members.get(wire.rename![0]) || second !== wire.rename![2];
            case 'operator':
              return !only('') || line.trailing !== undefined || second !== undefined || !isMemberNick(first);
            default: {
              // kicked / muted / unmuted <nick> <by>: by a member of the sender; only a kick has a reason.
              const target = checkNick(first ?? '');
              if (!only('') || more.length > 0 || !target.ok || !isMemberNick(second)) return true;
              if (line.code !== 'kicked' && line.trailing !== undefined) return true;
              this.#announce(({ kicked: 'kick', muted: 'mute', unmuted: 'unmute' } as const)[line.code], target.key);
              return false;
            }
          }
        })();
        return bad ? `${line.code} notice that does not match` : undefined;
      }
      case 'to': {
        const line = parseServerLine(wire.line);
        if (line.kind !== 'private') return 'private line of no known shape';
        if (!isMemberNick(line.from)) return 'private line from a nick not on its server';
        const to = checkNick(line.to);
        return to.ok && to.key === wire.key ? undefined : 'private line to someone else';
      }
      case 'mod':
        return this.#announced.has(`${wire.kind} ${wire.key}`) ? undefined : `${wire.kind} that nobody announced`;
      case 'ban':
      case 'mute': {
        // A ban follows the kick of a member of the server that sends it; a mute, the mute of one.
        const key = wire.t === 'ban' ? (checkNick(wire.nick) as { key: string }).key : wire.key; // the schema checked the nick
        if (!members.has(key)) return `${wire.t} of a non-member of its server`;
        return this.#announced.has(`${wire.t === 'ban' ? 'kick' : 'mute'} ${key}`) ? undefined : `${wire.t} that nobody announced`;
      }
      case 'unmute':
        return this.#announced.has(`unmute ${wire.key}`) ? undefined : 'unmute that nobody announced';
      case 'unban':
        return members.size > 0 ? undefined : 'unban from a server with no members';
      case 'fail':
        // A wrong password counts where it was typed, now: not an old one played again.
        return Math.abs(Date.now() - wire.at) <= FAIL_SPAN_MS ? undefined : 'wrong password from another time';
    }
  }

  #announce(kind: ModerationKind, key: string): void {
    const now = Date.now();
    for (const [what, when] of this.#announced) if (now - when > ANNOUNCED_MS) this.#announced.delete(what);
    this.#announced.set(`${kind} ${key}`, now);
  }
}

/** A ban or mute as Redis keeps it (the event, without its sender), or undefined when it is not one. */
export function parseStored(text: string): Extract<Wire, { t: 'ban' | 'mute' }> | undefined {
  const wire = parseWire(text.replace(/^\{/, '{"s":"00000000",'));
  return 'dropped' in wire || (wire.t !== 'ban' && wire.t !== 'mute') ? undefined : wire;
}
