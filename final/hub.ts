/**
 * The hub: the chatroom as the commands see it. Alone, it is this server's
 * Room. With a Link (several servers sharing one room through Redis, see
 * redis-link.ts), every line said here also goes to the other servers, and
 * nicknames, /list, /msg and moderation span all of them.
 */
import { checkNick } from './nick.ts';
import { notice } from './protocol.ts';
import type { Room } from './room.ts';
import type { Session } from './session.ts';

/** Someone in the room: on this server (a Session), or on another one. */
export type Someone = { nick: string; key: string; session?: Session };

/** What servers tell each other. `line` is shown to everyone; the rest keeps the member lists right. */
export type LinkEvent =
  | { t: 'room'; line?: string; join?: [key: string, nick: string]; leave?: string; rename?: [oldKey: string, key: string, nick: string] }
  | { t: 'to'; key: string; line: string }
  | { t: 'mod'; key: string; kind: 'kick' | 'mute' | 'unmute' };

/** The other servers, as one server sees them. */
export interface Link {
  /** Reserve a nickname in the whole room; false if someone, anywhere, has it. */
  claim(key: string, nick: string): Promise<boolean>;
  release(key: string): void;
  send(event: LinkEvent): void;
  /** Members on the other servers, as last heard. */
  remote(): Iterable<Someone>;
  close(): Promise<void>;
}

export class Hub {
  link: Link | undefined;

  constructor(readonly room: Room<Session>) {}

  /** People in the whole room. */
  get size(): number {
    let count = this.room.size;
    for (const _ of this.link?.remote() ?? []) count++;
    return count;
  }

  nicks(): string[] {
    return [...this.room.members(), ...(this.link?.remote() ?? [])].map((m) => m.nick).sort((a, b) => a.localeCompare(b));
  }

  /** Find someone by nickname (any case), here or on another server. */
  find(nick: string): Someone | undefined {
    const check = checkNick(nick);
    if (!check.ok) return undefined;
    const local = this.room.find(check.key);
    if (local) return { nick: local.nick, key: local.key, session: local };
    for (const someone of this.link?.remote() ?? []) if (someone.key === check.key) return someone;
    return undefined;
  }

  /** Reserve `key` for a session, everywhere; false when it is taken. */
  async claim(key: string, nick: string): Promise<boolean> {
    if (this.room.has(key)) return false;
    return this.link ? this.link.claim(key, nick) : true;
  }

  /** A session with a claimed nickname enters the room. */
  join(session: Session): void {
    if (!this.room.add(session)) throw new Error(`nickname ${session.key} claimed twice`);
    this.say(notice('joined', [session.nick]), session, { join: [session.key, session.nick] });
  }

  /** A member leaves; `line` (its "left" notice), if any, goes to everyone. */
  leave(session: Session, line: string | undefined, here = true): void {
    this.room.remove(session);
    this.link?.release(session.key);
    if (line && here) this.room.broadcast(line);
    this.link?.send({ t: 'room', ...(line && { line }), leave: session.key });
  }

  /** A member took a new, claimed, nickname. */
  renamed(session: Session, old: { nick: string; key: string }): void {
    this.room.rekey(session, old.key);
    if (old.key !== session.key) this.link?.release(old.key);
    this.say(notice('renamed', [old.nick, session.nick]), undefined, { rename: [old.key, session.key, session.nick] });
  }

  /** A line for everyone (but `except`, on this server), on every server. */
  say(line: string, except?: Session, membership: Omit<Extract<LinkEvent, { t: 'room' }>, 't' | 'line'> = {}): void {
    this.room.broadcast(line, except);
    this.link?.send({ t: 'room', line, ...membership });
  }

  /** A line for one person, wherever they are. */
  tell(to: Someone, line: string): void {
    if (to.session) to.session.sendLine(line);
    else this.link?.send({ t: 'to', key: to.key, line });
  }

  /** Kick, mute or unmute someone, wherever they are (the notice is said separately). */
  moderate(to: Someone, kind: 'kick' | 'mute' | 'unmute'): void {
    if (to.session) apply(to.session, kind);
    else this.link?.send({ t: 'mod', key: to.key, kind });
  }

  /** What another server said. */
  receive(event: LinkEvent): void {
    if (event.t === 'room') {
      if (event.line) this.room.broadcast(event.line);
      return;
    }
    const session = this.room.find(event.key);
    if (!session) return;
    if (event.t === 'to') session.sendLine(event.line);
    else apply(session, event.kind);
  }
}

function apply(session: Session, kind: 'kick' | 'mute' | 'unmute'): void {
  if (kind === 'kick') session.kick();
  else session.muted = kind === 'mute';
}
