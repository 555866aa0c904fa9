// The load generator's receiving side (bench/scanner.ts, bench/message.ts):
// whole messages counted in any chunking, cut and glued ones found.
import { describe, expect, it } from 'vitest';
import { BODY_SIZE, isBody, readId, readSentUs, writeBody } from '../bench/message.ts';
import { ircProtocol } from '../bench/protocols.ts';
import { type LineFormat, LineScanner, newCounts } from '../bench/scanner.ts';
import { Histogram } from '../bench/stats.ts';

const body = (id: number, sentUs = 1000) => {
  const bytes = Buffer.alloc(BODY_SIZE);
  writeBody(bytes, 0, id, sentUs);
  return bytes.toString('latin1');
};

/** Feed `stream` to a scanner in chunks of `size` bytes, at time 5000 µs. */
function scan(stream: string, format: LineFormat, size = stream.length) {
  const counts = newCounts();
  const latency = new Histogram();
  const others: string[] = [];
  const scanner = new LineScanner(format, counts, latency, (line) => others.push(line.toString()));
  const bytes = Buffer.from(stream, 'latin1');
  for (let at = 0; at < bytes.length; at += size) scanner.push(bytes.subarray(at, at + size), 5000);
  return { counts, latency, others, seen: scanner.seen };
}

describe('message bodies', () => {
  it('carry an id and a send time, and a cut one is not a body', () => {
    const bytes = Buffer.from(body(42, 123456789));
    expect(isBody(bytes, 0)).toBe(true);
    expect(readId(bytes, 0)).toBe(42);
    expect(readSentUs(bytes, 0)).toBe(123456789);
    expect(isBody(bytes.subarray(1), 0)).toBe(false);
    expect(isBody(Buffer.concat([bytes.subarray(0, 20), bytes]), 0)).toBe(false);
  });
});

describe('LineScanner', () => {
  const raw: LineFormat = { prefix: 0 };
  const stream = Array.from({ length: 50 }, (_, i) => `${body(i)}\n`).join('');

  it('counts every message whatever the chunk size, with its latency', () => {
    for (const size of [1, 7, 64, 65, 66, 1000, stream.length]) {
      const { counts, latency } = scan(stream, raw, size);
      expect(counts).toMatchObject({ intact: 50, corrupt: 0, other: 0 });
      expect(latency.percentile(50)).toBe(4000);
    }
  });

  it('finds a cut message and the one glued to its head', () => {
    const [a, b, c] = [body(1), body(2), body(3)];
    // a is cut after 20 bytes, b arrives right after its head, then the rest of a.
    const broken = `${a.slice(0, 20)}${b}\n${a.slice(20)}\n${c}\n`;
    for (const size of [5, 64, broken.length]) {
      const { counts, seen } = scan(broken, raw, size);
      expect(counts).toMatchObject({ intact: 1, corrupt: 2 });
      expect(seen).toBe(3);
    }
  });

  it('learns the prefix of a server that signs lines, and tells notices from damage', () => {
    const lines = `c00001: ${body(1)}\n*** joined c00002\nc00002: ${body(2)}\nc00001: ${body(3)}\ngarbage\n`;
    const { counts, others } = scan(lines, { isOther: (line) => line[0] === 0x2a }, 9);
    expect(counts).toMatchObject({ intact: 3, corrupt: 1, other: 1 });
    expect(others).toEqual(['*** joined c00002']);
  });

  it('reads IRC lines ending with CRLF and hands PINGs over for an answer', () => {
    const lines = `:c00001!~c00001@127.0.0.1 PRIVMSG #bench :${body(1)}\r\nPING :bench.irc\r\n:c00001!~c00001@127.0.0.1 PRIVMSG #bench :${body(2)}\r\n`;
    const { counts, others } = scan(lines, ircProtocol.format, 13);
    expect(counts).toMatchObject({ intact: 2, corrupt: 0, other: 1 });
    expect(ircProtocol.answer?.(Buffer.from(others[0]!))).toBe('PONG :bench.irc\r\n');
  });

  it('forgets an unfinished line on reset()', () => {
    const counts = newCounts();
    const scanner = new LineScanner(raw, counts, null);
    scanner.push(Buffer.from('c00001 has joined the chat room'), 0); // the manual's notices have no newline
    scanner.reset();
    scanner.push(Buffer.from(`${body(1)}\n`), 0);
    expect(counts).toMatchObject({ intact: 1, corrupt: 0 });
  });
});
