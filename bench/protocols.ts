/**
 * How the load generator speaks to each kind of server: its handshake, how a
 * message is framed on the way in, and what a relayed message looks like on
 * the way out. Nicknames all have the same width ("c00042"), so that the
 * relayed lines of one server all have the same length.
 */
import type { LineFormat } from './scanner.ts';

export interface HandshakeIO {
  send(text: string): void;
  /** Resolve once `text` has arrived (after what earlier waits consumed). */
  waitFor(text: string): Promise<void>;
}

export interface Protocol {
  /** Register a connected client under `nick`; resolves once it is in the room. */
  handshake(io: HandshakeIO, nick: string): Promise<void>;
  /** What a client sends around a message body. */
  head: string;
  tail: string;
  /** Does the sender receive its own messages too? */
  echo: boolean;
  /** How relayed messages arrive. */
  format: LineFormat;
  /** A reply owed to a line that is no message (IRC's PING), if any. */
  answer?(line: Buffer): string | undefined;
}

export const nickOf = (index: number): string => `c${String(index).padStart(5, '0')}`;
const NICK_WIDTH = nickOf(0).length;

/** The final server (final/protocol.ts): "NICK\n" → "<nick>\n" → "*** welcome <nick> <n>\n"; relays "<nick>: <text>\n". */
export const finalProtocol: Protocol = {
  async handshake(io, nick) {
    await io.waitFor('NICK\n');
    io.send(`${nick}\n`);
    await io.waitFor(`*** welcome ${nick} `);
  },
  head: '',
  tail: '\n',
  echo: true,
  format: { prefix: NICK_WIDTH + 2, isOther: (line) => line[0] === 0x2a }, // "*** notice"
};

/**
 * The manual's protocol (step 04, the manual's Python server): "NICK" →
 * "<nick>" → "... Connected to the server", no framing, chunks relayed as
 * they were read. The generator ends each message with "\n" so that the
 * receivers can see where one ends: any line that is not one whole message
 * is corrupt.
 */
export const manualProtocol: Protocol = {
  async handshake(io, nick) {
    await io.waitFor('NICK');
    io.send(nick);
    await io.waitFor('Connected to the server');
  },
  head: '',
  tail: '\n',
  echo: true,
  format: { prefix: 0 },
};

/** IRC (RFC 2812) for ngircd: NICK/USER, welcome 001, JOIN, end of NAMES 366; no echo to the sender. */
export const ircProtocol: Protocol = {
  async handshake(io, nick) {
    io.send(`NICK ${nick}\r\nUSER ${nick} 0 * :bench\r\n`);
    await io.waitFor(` 001 ${nick} `);
    io.send('JOIN #bench\r\n');
    await io.waitFor(` 366 ${nick} #bench `);
  },
  head: 'PRIVMSG #bench :',
  tail: '\r\n',
  echo: false,
  // ":c00001!~c00001@127.0.0.1 PRIVMSG #bench :<body>": the prefix is learned from the first message.
  format: { crlf: true, isOther: (line) => !line.includes(' PRIVMSG ') },
  answer: (line) => (line.subarray(0, 5).toString('latin1') === 'PING ' ? `PONG ${line.subarray(5).toString('latin1')}\r\n` : undefined),
};
