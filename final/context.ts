/**
 * The interfaces between the final server's parts, so that each part
 * depends on what it uses rather than on another module's class:
 *
 *   commands.ts ──► Speaker (the one who typed), Chatroom (everyone)
 *   session.ts  ──► ChatContext (the server that owns it)
 *   hub.ts      ──► Seat (a member of this server's room)
 *
 * This module holds types only and imports no module of final/ but leaves.
 */
import type { ServerOptions } from './config.ts';
import type { AddressGuard } from './guard.ts';
import type { Logger, Summary } from './log.ts';
import type { Moderation } from './moderation.ts';
import type { LeaveReason } from './protocol.ts';
import type { Member, Room } from './room.ts';

export type ModerationKind = 'kick' | 'mute' | 'unmute';

/** Who moderated, and why: for the notices, /bans and the logs. */
export interface Decision {
  by: string;
  reason?: string;
}

/** A member of this server's room, as the hub sees it (a Session). */
export interface Seat extends Member {
  sendLine(line: string): void;
  /** Leave the room as an operator's kick says; the address is banned for a while. */
  kick(decision: Decision): void;
  /** Mute (it outlives reconnects) or unmute. */
  mute(muted: boolean, decision: Decision): void;
  /** Take a new nickname, already claimed: the one way a nickname changes. */
  rename(nick: string, key: string): void;
}

/** Someone in the room: on this server (with its seat), or on another one. */
export type Someone = { nick: string; key: string; seat?: Seat };

/** The whole chatroom: this server's room, and the others' when there are several (the Hub). */
export interface Chatroom {
  /** People in the whole room. */
  readonly size: number;
  nicks(): string[];
  /** Find someone by nickname (any case), here or on another server. */
  find(nick: string): Someone | undefined;
  /** Reserve a nickname's key everywhere; false when someone has it. */
  claim(key: string, nick: string): Promise<boolean>;
  /** Give back a key claimed for nothing (its session left while we asked). */
  release(key: string): void;
  /** A seat with a claimed nickname enters the room; `announce`: everyone is told. */
  join(seat: Seat, announce?: boolean): void;
  /** A seat leaves; `line` (its "left" notice), if any, goes to everyone (`here`: to this server's members too). */
  leave(seat: Seat, line: string | undefined, here?: boolean): void;
  /** A seat took a new, claimed, nickname. */
  renamed(seat: Seat, old: { nick: string; key: string }): void;
  /** A line for everyone, on every server. */
  say(line: string): void;
  /** A line for one person, wherever they are. */
  tell(to: Someone, line: string): void;
  /** Kick, mute or unmute someone, wherever they are. */
  moderate(to: Someone, kind: ModerationKind, decision: Decision): void;
}

/** The one who typed a command, as the commands see it (a Session). */
export interface Speaker {
  readonly nick: string;
  readonly key: string;
  /** "127.0.0.1:41234", and its IP address alone. */
  readonly address: string;
  readonly ip: string;
  readonly joined: boolean;
  readonly operator: boolean;
  readonly muted: boolean;
  sendLine(line: string): void;
  quit(reason: LeaveReason, message?: string): void;
  /** Run work that needs the room's answer; the lines that arrive meanwhile wait their turn. */
  wait(work: () => Promise<void>): void;
  rename(nick: string, key: string): void;
  /** Right /op password: this member may now moderate. */
  promote(): void;
  /** Wrong /op password: how many wrong ones so far. */
  opFailed(): number;
  /** The nicknames its last /list showed, in order: `/kick #3` means the third. */
  readonly listed: readonly string[];
  /** Show it who is online (and remember the order, for "#3"). */
  list(nicks: string[]): void;
}

/** What a command may use besides the one who typed it. */
export interface CommandContext {
  readonly options: ServerOptions;
  readonly log: Logger;
  readonly room: Chatroom;
  /** Wrong passwords per address, across connections. */
  readonly guard: AddressGuard;
  /** This server's bans and mutes. */
  readonly moderation: Moderation;
  /** No limit per address for this one (loopback with --loopback-unlimited). */
  unlimited(ip: string): boolean;
}

/** What a session needs from the server that owns it (one per server: nothing is global). */
export interface ChatContext {
  readonly options: ServerOptions;
  /** This server's members, and the batching of what they are sent. */
  readonly room: Room<Seat>;
  /** The whole chatroom. */
  readonly hub: Chatroom;
  readonly log: Logger;
  /** Repeated events (wrong passwords, refusals) summarised per address: see Summary. */
  readonly summary: Summary;
  /** Call seat.flush() soon: at the end of this event-loop turn, or after a pause when flushes are costly (see ChatServer). */
  flushLater(seat: Seat): void;
  /** The connection is closed: stop counting it. */
  forget(seat: Seat): void;
  readonly guard: AddressGuard;
  readonly moderation: Moderation;
  /** No limit per address for this one (loopback with --loopback-unlimited). */
  unlimited(ip: string): boolean;
  /** What the commands a member types may use: one for the whole server. */
  readonly commands: CommandContext;
}
