/**
 * The hub: the chatroom as the commands see it. Alone, it is this server's
 * Room. With a Link (several servers sharing one room through Redis, see
 * redis-link.ts), every line said here also goes to the other servers, and
 * nicknames, /list, /msg and moderation span all of them.
 */
import type { Chatroom, Decision, ModerationKind, Seat, Someone } from './context.ts';
import type { FailureEvent, Link, LinkEvent, LinkHost, ModerationEvent } from './link.ts';
import { checkNick } from './nick.ts';
import { notice } from './protocol.ts';
import type { Room } from './room.ts';

export class Hub implements Chatroom, LinkHost {
  #link: Link | undefined;

  /** `heard`: where bans, mutes and wrong passwords from the other servers go (this server's moderation store and guard). */
  constructor(
    readonly room: Room<Seat>,
    private readonly heard: (event: ModerationEvent | FailureEvent) => void = () => {},
  ) {}

  /** Share the room with other servers through this link. */
  attach(link: Link): void {
    this.#link = link;
  }

  get link(): Link | undefined {
    return this.#link;
  }

  get size(): number {
    let count = this.room.size;
    for (const _ of this.#link?.remote() ?? []) count++;
    return count;
  }

  nicks(): string[] {
    return [...this.room.members(), ...(this.#link?.remote() ?? [])].map((m) => m.nick).sort((a, b) => a.localeCompare(b));
  }

  find(nick: string): Someone | undefined {
    const check = checkNick(nick);
    if (!check.ok) return undefined;
    const local = this.room.find(check.key);
    if (local) return { nick: local.nick, key: local.key, seat: local };
    for (const someone of this.#link?.remote() ?? []) if (someone.key === check.key) return someone;
    return undefined;
  }

  async claim(key: string, nick: string): Promise<boolean> {
    if (this.room.has(key)) return false;
    return this.#link ? this.#link.claim(key, nick) : true;
  }

  release(key: string): void {
    this.#link?.release(key);
  }

  join(seat: Seat, announce = true): void {
    if (!this.room.add(seat)) throw new Error(`nickname ${seat.key} claimed twice`);
    if (announce) this.#say(notice('joined', [seat.nick]), seat, { join: [seat.key, seat.nick] });
    else this.#link?.send({ t: 'room', join: [seat.key, seat.nick] });
  }

  leave(seat: Seat, line: string | undefined, here = true): void {
    this.room.remove(seat);
    this.#link?.release(seat.key);
    if (line && here) this.room.broadcast(line);
    this.#link?.send({ t: 'room', ...(line && { line }), leave: seat.key });
  }

  renamed(seat: Seat, old: { nick: string; key: string }): void {
    this.room.rekey(seat, old.key);
    if (old.key !== seat.key) this.#link?.release(old.key);
    this.#say(notice('renamed', [old.nick, seat.nick]), undefined, { rename: [old.key, seat.key, seat.nick] });
  }

  say(line: string): void {
    this.#say(line);
  }

  /** A line for everyone (but `except`, on this server), on every server, with what it changes in the member lists. */
  #say(line: string, except?: Seat, membership: Omit<Extract<LinkEvent, { t: 'room' }>, 't' | 'line'> = {}): void {
    this.room.broadcast(line, except);
    this.#link?.send({ t: 'room', line, ...membership });
  }

  tell(to: Someone, line: string): void {
    if (to.seat) to.seat.sendLine(line);
    else this.#link?.send({ t: 'to', key: to.key, line });
  }

  moderate(to: Someone, kind: ModerationKind, decision: Decision): void {
    if (to.seat) apply(to.seat, kind, decision);
    else this.#link?.send({ t: 'mod', key: to.key, kind, by: decision.by, ...(decision.reason && { reason: decision.reason }) });
  }

  /** A ban or mute decided here (every server, and those that start later, will know it), or a wrong password typed here. */
  share(event: ModerationEvent | FailureEvent): void {
    this.#link?.send(event);
  }

  // ------------------------------------------------------------------ LinkHost

  receive(event: LinkEvent): void {
    switch (event.t) {
      case 'room':
        if (event.line) this.room.broadcast(event.line);
        return;
      case 'to':
        return this.room.find(event.key)?.sendLine(event.line);
      case 'mod': {
        const seat = this.room.find(event.key);
        if (seat) apply(seat, event.kind, { by: event.by ?? '?', ...(event.reason && { reason: event.reason }) });
        return;
      }
      default:
        return this.heard(event); // a ban, a mute, a wrong password
    }
  }

  local(line: string): void {
    this.room.broadcast(line);
  }

  has(key: string): boolean {
    return this.room.has(key);
  }

  rename(key: string, nick: string, newKey: string, why: string): boolean {
    const seat = this.room.find(key);
    if (!seat) return false;
    seat.sendLine(why);
    seat.rename(nick, newKey);
    return true;
  }
}

function apply(seat: Seat, kind: ModerationKind, decision: Decision): void {
  if (kind === 'kick') seat.kick(decision);
  else seat.mute(kind === 'mute', decision);
}
