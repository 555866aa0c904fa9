/**
 * Exactly once, per receiver, with several servers sharing one room.
 *
 * Totals (deliveries owed, deliveries received) could hide a message that
 * reached one client twice and another never. So the tally knows who sent
 * each message id, and each receiver keeps, per sender, the last id it got
 * from that sender. Ids grow as messages are sent, and every path keeps one
 * sender's messages in order (a server relays them in order, Redis publishes
 * them in order): a receiver must see each sender's ids rise. An id at or
 * below the last one is a repeat (or a message out of order), counted apart.
 * The rising ids are all different, so when their count equals what was owed,
 * every receiver got every message exactly once.
 *
 * Deliveries are counted per pair of servers, the sender's and the
 * receiver's: "cross" sums the pairs of two different servers, the messages
 * of server A's clients received by server B's clients and the other way round.
 */

/** Deliveries from the clients of one server to the clients of another (or the same). */
export interface Flow {
  /** Deliveries owed: each message sent, times the clients that should receive it. */
  owed: number;
  /** Deliveries received once, in their sender's order. */
  received: number;
  /** Deliveries received again, or out of their sender's order. */
  repeated: number;
}

export interface DeliveryCheck {
  /** Between two different servers. */
  cross: Flow;
  /** Within the sender's own server. */
  local: Flow;
  /** flows[from][to]: from the clients of server `from` to those of server `to`. */
  flows: Flow[][];
  /** Message ids that no sender of this measurement sent (a damaged id, a message from before). */
  unknown: number;
}

const noFlow = (): Flow => ({ owed: 0, received: 0, repeated: 0 });

export const missing = (flow: Flow): number => Math.max(0, flow.owed - flow.received);

/** Did every receiver get every message owed to it exactly once, nothing else? */
export function exactlyOnce(check: DeliveryCheck): boolean {
  return check.unknown === 0 && [check.cross, check.local].every((flow) => flow.repeated === 0 && flow.received === flow.owed);
}

export class DeliveryTally {
  readonly #serverOf: Int32Array;
  readonly #servers: number;
  readonly #sizes: number[];
  readonly #echo: boolean;
  /** Sender of each id, from the first id sent (#firstId); -1 for an id not sent here. */
  #senderOf = new Int32Array(1024).fill(-1);
  #firstId = -1;
  #ids = 0;
  /** Last id received, per receiver and sender (receiver × clients + sender); -1 before any. */
  readonly #last: Float64Array;
  readonly #owed: Float64Array;
  readonly #received: Float64Array;
  readonly #repeated: Float64Array;
  #unknown = 0;

  /**
   * `serverOf[i]` is the server that client i is connected to (0, 1...).
   * With `echo`, a sender receives its own messages, as from the final server.
   */
  constructor(serverOf: readonly number[], { echo = true }: { echo?: boolean } = {}) {
    this.#serverOf = Int32Array.from(serverOf);
    this.#servers = Math.max(0, ...serverOf) + 1;
    this.#sizes = Array.from({ length: this.#servers }, (_, server) => serverOf.filter((s) => s === server).length);
    this.#echo = echo;
    this.#last = new Float64Array(serverOf.length * serverOf.length).fill(-1);
    const pairs = this.#servers * this.#servers;
    this.#owed = new Float64Array(pairs);
    this.#received = new Float64Array(pairs);
    this.#repeated = new Float64Array(pairs);
  }

  /** Client `sender` sent `count` messages, with the ids firstId, firstId + 1... */
  sent(sender: number, firstId: number, count = 1): void {
    if (this.#firstId === -1) this.#firstId = firstId;
    const from = firstId - this.#firstId;
    if (from < 0) throw new Error(`id ${firstId} sent after id ${this.#firstId}: ids must grow`);
    const end = from + count;
    if (end > this.#senderOf.length) {
      const grown = new Int32Array(Math.max(end, this.#senderOf.length * 2)).fill(-1);
      grown.set(this.#senderOf);
      this.#senderOf = grown;
    }
    this.#senderOf.fill(sender, from, end);
    this.#ids = Math.max(this.#ids, end);
    const home = this.#serverOf[sender]!;
    for (let to = 0; to < this.#servers; to++) {
      const receivers = this.#sizes[to]! - (to === home && !this.#echo ? 1 : 0);
      this.#owed[home * this.#servers + to]! += count * receivers;
    }
  }

  /** Client `receiver` received the message `id`, whole. */
  received(receiver: number, id: number): void {
    const slot = id - this.#firstId;
    const sender = this.#firstId !== -1 && slot >= 0 && slot < this.#ids ? this.#senderOf[slot]! : -1;
    if (sender === -1 || receiver < 0 || receiver >= this.#serverOf.length) {
      this.#unknown++;
      return;
    }
    const pair = this.#serverOf[sender]! * this.#servers + this.#serverOf[receiver]!;
    const at = receiver * this.#serverOf.length + sender;
    if (id > this.#last[at]!) {
      this.#last[at] = id;
      this.#received[pair]!++;
    } else {
      this.#repeated[pair]!++;
    }
  }

  check(): DeliveryCheck {
    const flows = Array.from({ length: this.#servers }, (_, from) =>
      Array.from({ length: this.#servers }, (_, to): Flow => {
        const pair = from * this.#servers + to;
        return { owed: this.#owed[pair]!, received: this.#received[pair]!, repeated: this.#repeated[pair]! };
      }),
    );
    const cross = noFlow();
    const local = noFlow();
    flows.forEach((row, from) =>
      row.forEach((flow, to) => {
        const sum = from === to ? local : cross;
        sum.owed += flow.owed;
        sum.received += flow.received;
        sum.repeated += flow.repeated;
      }),
    );
    return { cross, local, flows, unknown: this.#unknown };
  }
}
