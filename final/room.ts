/**
 * The room: who is in it, under which nickname, and how a line reaches them.
 * A line is encoded once; the lines broadcast until the next flush are kept
 * once, in order, and then go to every member as one buffer that all share:
 * a burst of messages costs one write per member, not one per message and
 * member, and no copy per member.
 */
export interface Member {
  readonly nick: string;
  readonly key: string;
  /** Queue bytes for this member alone; the room's lines broadcast before them go first. */
  deliver(bytes: Buffer): void;
  /** Write what is queued for it, then `lines` (the room's lines it has not taken yet). */
  flush(lines?: Buffer): void;
}

export class Room<M extends Member = Member> {
  #members = new Map<string, M>();
  /** The lines broadcast since the last flush. */
  #lines: Buffer[] = [];
  #bytes = 0;
  /** Members that already took the first n of those lines (a line of their own came after them, or they joined since); the others took none. */
  #taken = new Map<M, number>();

  /** `onLines` is called when a line waits for the next flush() and none did before. */
  constructor(private readonly onLines: () => void = () => {}) {}

  get size(): number {
    return this.#members.size;
  }

  /** Is this nickname (its key) taken? */
  has(key: string): boolean {
    return this.#members.has(key);
  }

  /** Add a member; false if its nickname is taken. */
  add(member: M): boolean {
    if (this.#members.has(member.key)) return false;
    this.#members.set(member.key, member);
    if (this.#lines.length > 0) this.#taken.set(member, this.#lines.length); // not the lines said before it came
    return true;
  }

  remove(member: M): void {
    if (this.#members.get(member.key) === member) this.#members.delete(member.key);
    this.#taken.delete(member);
  }

  /** Move a member to a new key (it has already changed nickname). */
  rekey(member: M, oldKey: string): void {
    if (this.#members.get(oldKey) === member) this.#members.delete(oldKey);
    this.#members.set(member.key, member);
  }

  find(key: string): M | undefined {
    return this.#members.get(key);
  }

  members(): IterableIterator<M> {
    return this.#members.values();
  }

  /** Send one line to every member but `except`, at the next flush(). */
  broadcast(line: string, except?: M): void {
    const bytes = Buffer.from(`${line}\n`);
    if (except && this.#members.get(except.key) === except) {
      for (const earlier of this.take(except)) except.deliver(earlier);
      this.#taken.set(except, this.#lines.length + 1); // it skips this one
    }
    this.#lines.push(bytes);
    this.#bytes += bytes.length;
    if (this.#lines.length === 1) this.onLines();
  }

  /**
   * The lines broadcast since the last flush that this member has not taken,
   * now taken: a member queues them before bytes of its own, so that it
   * receives everything in the order it was said.
   */
  take(member: M): Buffer[] {
    if (this.#lines.length === 0 || this.#members.get(member.key) !== member) return [];
    const from = this.#taken.get(member) ?? 0;
    this.#taken.set(member, this.#lines.length);
    return from < this.#lines.length ? this.#lines.slice(from) : [];
  }

  // #region flush
  /** Give every member the lines it has not taken: one buffer for all, and a slice of it for those that took some. */
  flush(): void {
    const lines = this.#lines;
    if (lines.length === 0) return;
    const taken = this.#taken;
    const all = lines.length === 1 ? lines[0]! : Buffer.concat(lines, this.#bytes);
    this.#lines = [];
    this.#bytes = 0;
    this.#taken = new Map();
    let starts: number[] | undefined;
    for (const member of this.#members.values()) {
      const from = taken.get(member) ?? 0;
      if (from === 0) member.flush(all);
      else if (from >= lines.length) member.flush();
      else {
        starts ??= lines.reduce((acc, line) => (acc.push(acc.at(-1)! + line.length), acc), [0]);
        member.flush(all.subarray(starts[from]));
      }
    }
  }
  // #endregion flush
}
