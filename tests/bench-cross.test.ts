// The accounting of the shared-room scenario (bench/cross.ts): with several
// servers, each delivery is checked by message id, per receiver and sender,
// so that a message received twice by one client and never by another does
// not pass for two good deliveries.
import { describe, expect, it } from 'vitest';
import { DeliveryTally, exactlyOnce, missing } from '../bench/cross.ts';
import { writeBody } from '../bench/message.ts';
import { LineScanner, newCounts } from '../bench/scanner.ts';

/** Four clients taking turns between two servers: 0 and 2 on server A (0), 1 and 3 on server B (1). */
const turns = [0, 1, 0, 1];

/** Every client receives every id, in order. */
function deliverAll(tally: DeliveryTally, ids: number[], clients = turns.length): void {
  for (let receiver = 0; receiver < clients; receiver++) for (const id of ids) tally.received(receiver, id);
}

describe('DeliveryTally', () => {
  it('counts the deliveries between servers and within each, every one exactly once', () => {
    const tally = new DeliveryTally(turns);
    tally.sent(0, 100, 3); // client 0, on A: ids 100, 101, 102
    tally.sent(1, 103); // client 1, on B
    deliverAll(tally, [100, 101, 102, 103]);
    const check = tally.check();
    // A's 3 messages reach B's 2 clients, B's one reaches A's 2: 8 between the servers.
    expect(check.cross).toEqual({ owed: 8, received: 8, repeated: 0 });
    expect(check.local).toEqual({ owed: 8, received: 8, repeated: 0 }); // the sender receives its own (echo)
    expect(check.flows[0]![1]).toEqual({ owed: 6, received: 6, repeated: 0 });
    expect(check.flows[1]![0]).toEqual({ owed: 2, received: 2, repeated: 0 });
    expect(check.unknown).toBe(0);
    expect(exactlyOnce(check)).toBe(true);
  });

  it('catches a message received twice by one client and never by another, though the totals match', () => {
    const tally = new DeliveryTally(turns);
    tally.sent(0, 0, 2);
    for (const receiver of [0, 2]) for (const id of [0, 1]) tally.received(receiver, id);
    tally.received(1, 0);
    tally.received(1, 1);
    tally.received(3, 0);
    tally.received(3, 0); // again, and client 3 never gets id 1
    const check = tally.check();
    expect(check.cross.received + check.cross.repeated).toBe(check.cross.owed); // what totals would see: all there
    expect(check.cross).toEqual({ owed: 4, received: 3, repeated: 1 });
    expect(missing(check.cross)).toBe(1);
    expect(exactlyOnce(check)).toBe(false);
  });

  it("counts a message out of its sender's order, and the one it skipped as missing", () => {
    const tally = new DeliveryTally(turns);
    tally.sent(2, 10, 2); // client 2, on A
    deliverAll(tally, [10, 11], 3);
    tally.received(3, 11);
    tally.received(3, 10); // after 11: out of order
    const check = tally.check();
    expect(check.flows[0]![1]).toEqual({ owed: 4, received: 3, repeated: 1 });
    expect(exactlyOnce(check)).toBe(false);
  });

  it('keeps each sender apart: two senders interleaved are both in order', () => {
    const tally = new DeliveryTally(turns);
    tally.sent(0, 0);
    tally.sent(1, 1);
    tally.sent(0, 2);
    tally.sent(1, 3);
    // Client 3 hears B's own client first (no Redis on that path), then A's: still each sender in order.
    for (const id of [1, 3, 0, 2]) tally.received(3, id);
    for (const receiver of [0, 1, 2]) for (const id of [0, 1, 2, 3]) tally.received(receiver, id);
    expect(exactlyOnce(tally.check())).toBe(true);
  });

  it('counts ids nobody sent during the measurement as unknown', () => {
    const tally = new DeliveryTally(turns);
    tally.received(0, 5); // before anything was sent
    tally.sent(0, 50, 2);
    tally.received(1, 49); // from before the measurement
    tally.received(1, 52); // never sent
    tally.received(9, 50); // no such receiver
    const check = tally.check();
    expect(check.unknown).toBe(4);
    expect(check.cross.received).toBe(0);
    expect(exactlyOnce(check)).toBe(false);
  });

  it('owes the sender nothing when the server does not echo', () => {
    const tally = new DeliveryTally(turns, { echo: false });
    tally.sent(0, 0);
    expect(tally.check().local.owed).toBe(1); // client 2 only
    expect(tally.check().cross.owed).toBe(2);
  });

  it('follows thousands of ids, with gaps between the ids of one measurement', () => {
    const tally = new DeliveryTally(turns);
    const ids: number[] = [];
    for (let id = 1000; id < 6000; id += 2) {
      tally.sent(id % 4, id);
      ids.push(id);
    }
    deliverAll(tally, ids);
    tally.received(0, 1001); // a gap: no one sent it
    const check = tally.check();
    expect(check.cross).toEqual({ owed: ids.length * 2, received: ids.length * 2, repeated: 0 });
    expect(check.unknown).toBe(1);
  });

  it('refuses ids that go back in time', () => {
    const tally = new DeliveryTally(turns);
    tally.sent(0, 10);
    expect(() => tally.sent(1, 9)).toThrow(/must grow/);
  });

  it('works for three servers', () => {
    const tally = new DeliveryTally([0, 1, 2, 0, 1, 2]);
    tally.sent(4, 0); // on server 1
    deliverAll(tally, [0], 6);
    const check = tally.check();
    expect(check.flows[1]!.map((flow) => flow.owed)).toEqual([2, 2, 2]);
    expect(check.cross).toEqual({ owed: 4, received: 4, repeated: 0 });
    expect(exactlyOnce(check)).toBe(true);
  });
});

describe('LineScanner.onIntact', () => {
  it('hands each intact message to the tally, on the fast path and the slow one, not the damaged ones', () => {
    const line = (id: number) => {
      const bytes = Buffer.alloc(8 + 64 + 1);
      bytes.write('c00001: ');
      writeBody(bytes, 8, id, 0);
      bytes[bytes.length - 1] = 0x0a;
      return bytes;
    };
    const seen: number[] = [];
    const scanner = new LineScanner({ prefix: 8, isOther: (l) => l[0] === 0x2a }, newCounts(), null);
    scanner.onIntact = (bytes, at) => seen.push(Number(bytes.subarray(at + 1, at + 11).toString()));
    const cut = line(3).subarray(0, 30);
    // A notice, two messages (the second split across two chunks), a cut message, and one more.
    const stream = Buffer.concat([Buffer.from('*** joined c00002\n'), line(1), line(2), cut, Buffer.from('\n'), line(4)]);
    scanner.push(stream.subarray(0, 100), 0);
    scanner.push(stream.subarray(100), 0);
    expect(seen).toEqual([1, 2, 4]);
    expect(scanner.counts.corrupt).toBe(1);
  });
});
