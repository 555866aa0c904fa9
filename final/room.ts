/**
 * The room: who is in it, under which nickname, and how a line reaches them.
 * A line is encoded once, then the same bytes go to every member.
 */
export interface Member {
  readonly nick: string;
  readonly key: string;
  /** Queue bytes for this member (they are sent at the end of the event-loop turn). */
  deliver(bytes: Buffer): void;
}

export class Room {
  #members = new Map<string, Member>();

  get size(): number {
    return this.#members.size;
  }

  /** Is this nickname (its key) taken? */
  has(key: string): boolean {
    return this.#members.has(key);
  }

  /** Add a member; false if its nickname is taken. */
  add(member: Member): boolean {
    if (this.#members.has(member.key)) return false;
    this.#members.set(member.key, member);
    return true;
  }

  remove(member: Member): void {
    if (this.#members.get(member.key) === member) this.#members.delete(member.key);
  }

  /** Move a member to a new key (it has already changed nickname). */
  rekey(member: Member, oldKey: string): void {
    if (this.#members.get(oldKey) === member) this.#members.delete(oldKey);
    this.#members.set(member.key, member);
  }

  find(key: string): Member | undefined {
    return this.#members.get(key);
  }

  nicks(): string[] {
    return [...this.#members.values()].map((member) => member.nick).sort((a, b) => a.localeCompare(b));
  }

  /** Send one line to every member but `except`. */
  broadcast(line: string, except?: Member): void {
    const bytes = Buffer.from(`${line}\n`);
    for (const member of this.#members.values()) {
      if (member !== except) member.deliver(bytes);
    }
  }
}
