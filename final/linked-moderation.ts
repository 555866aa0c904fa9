/**
 * This server's bans and mutes (moderation.ts), shared with the servers of
 * the same room: what is decided here goes to the others through the hub's
 * link (and Redis keeps it for the servers that start later); what the others
 * decided is applied here, and not sent back.
 */
import type { ModerationEvent } from './link.ts';
import { Moderation, type Ban } from './moderation.ts';

export class LinkedModeration extends Moderation {
  #share: (event: ModerationEvent) => void = () => {};

  /** From now on, tell the other servers what is decided here. */
  shareWith(share: (event: ModerationEvent) => void): void {
    this.#share = share;
  }

  override ban(ban: Ban): void {
    super.ban(ban);
    this.#share({ t: 'ban', ...ban });
  }

  override unban(ip: string): Ban | undefined {
    const lifted = super.unban(ip);
    if (lifted) this.#share({ t: 'unban', ip });
    return lifted;
  }

  override mute(ip: string, key: string, until: number): void {
    super.mute(ip, key, until);
    this.#share({ t: 'mute', ip, key, until });
  }

  override unmute(ip: string, key: string): void {
    super.unmute(ip, key);
    this.#share({ t: 'unmute', ip, key });
  }

  /** What another server decided (or Redis kept from before this one started). */
  heard(event: ModerationEvent): void {
    switch (event.t) {
      case 'ban': {
        const { t: _, ...ban } = event;
        return super.ban(ban);
      }
      case 'unban':
        return void super.unban(event.ip);
      case 'mute':
        return super.mute(event.ip, event.key, event.until);
      case 'unmute':
        return super.unmute(event.ip, event.key);
    }
  }
}
