// The room's output batching (final/room.ts): every member receives the lines
// in the order they were said, its own lines in between, and nothing said
// before it joined, however the lines are grouped into writes.
import { describe, expect, it } from 'vitest';
import { type Member, Room } from '../final/room.ts';

/** A member that queues like a Session: the room's lines it has not taken go before its own. */
class Fake implements Member {
  received = '';
  #queue: Buffer[] = [];
  constructor(
    readonly room: Room<Fake>,
    readonly nick: string,
  ) {}
  get key() {
    return this.nick;
  }
  deliver(bytes: Buffer) {
    this.#queue.push(...this.room.take(this), bytes);
  }
  flush(lines?: Buffer) {
    if (lines) this.#queue.push(lines);
    else this.#queue.push(...this.room.take(this));
    this.received += Buffer.concat(this.#queue).toString();
    this.#queue = [];
  }
}

describe('Room batching', () => {
  it('keeps the order of broadcast and own lines, skips `except`, and gives a newcomer only what follows', () => {
    let pending = 0;
    const room = new Room<Fake>(() => pending++);
    const [ann, bob, cat] = ['ann', 'bob', 'cat'].map((nick) => new Fake(room, nick)) as [Fake, Fake, Fake];
    room.add(ann);
    room.add(bob);
    room.broadcast('one');
    ann.deliver(Buffer.from('ann only\n'));
    room.broadcast('two', ann);
    room.add(cat);
    room.broadcast('three');
    bob.flush(); // flushed early, as a quitting session does
    room.broadcast('four');
    expect(pending).toBe(1); // one flush asked for the whole batch
    room.flush();
    expect(ann.received).toBe('one\nann only\nthree\nfour\n');
    expect(bob.received).toBe('one\ntwo\nthree\nfour\n');
    expect(cat.received).toBe('three\nfour\n');
    room.broadcast('five');
    room.flush();
    for (const member of [ann, bob, cat]) expect(member.received.endsWith('four\nfive\n')).toBe(true);
    expect(pending).toBe(2);
  });
});
