import type { ServerOptions } from './config.ts';
import type { Logger } from './log.ts';
import type { Hub } from './hub.ts';
import type { Room } from './room.ts';
import type { Session } from './session.ts';

/** What a session needs from the server that owns it (one per server: nothing is global). */
export interface ChatContext {
  readonly options: ServerOptions;
  /** This server's members, and the batching of what they are sent. */
  readonly room: Room<Session>;
  /** The whole chatroom: this server's room, and the others' when there are several. */
  readonly hub: Hub;
  readonly log: Logger;
  /** Call session.flush() soon: at the end of this event-loop turn, or after a pause when flushes are costly (see ChatServer). */
  flushLater(session: Session): void;
  /** The connection is closed: stop counting it. */
  forget(session: Session): void;
  /** Refuse new connections from this address for a while (after a kick). */
  ban(ip: string): void;
}
