import type { Text } from './text.ts';
import type { StartFailureKind } from './start-failure.ts';
import { escapeBytes } from './bytes.ts';

/**
 * Where an inbox's bytes come from: a connection the test holds while playing
 * a client of the server under test, or playing the server of the client under
 * test; or the text a program printed.
 */
export type Channel = 'test-client' | 'test-server' | 'output';

/** Bytes the test sent, and the name of the peer (or program) it sent them to or through. */
export interface Sent {
  by: string;
  bytes: Buffer;
}

/** What a check saw when it failed: enough for a student to see the wrong byte. */
export interface FailureDetail {
  /** Who produced `received`: "server", "client output", "alice"... */
  who?: string;
  /** How `who` is connected to the test, for reports ("server → alice"). */
  channel?: Channel;
  /** The text (or bytes) that should have arrived. */
  expected?: string | Buffer;
  /** What arrived instead (since the last expected text that did arrive). */
  received?: Buffer;
  /**
   * What the test sent, in order, and through whom: to that peer, and, when
   * the test plays several clients of one server, what the others sent too
   * (an expected text often comes from another client's send).
   */
  sent?: Sent[];
  /** The last lines the program under test printed. */
  output?: string;
  /** A hint that fits this failure better than the check's own (why a server did not start, say). */
  hint?: Text;
  /** Why the server under test did not start, when it did not. */
  startFailure?: StartFailureKind;
  /** A program under test that kept running but printed an exception (a thread that died, say). */
  printedError?: { who: string; lastLines: string };
  /** A program under test that stopped during the check, and its last lines. */
  stopped?: { who: string; code: number | null; signal: string | null; lastLines: string };
}

/**
 * The most of each text a failure keeps. A server that relays what it should
 * refuse (256 MB without a newline, say) would otherwise make the report, and
 * the checker's memory, that big: a report shows a line's worth anyway.
 */
export const MAX_DETAIL_BYTES = 64 * 1024;

const clip = (bytes: Buffer): Buffer => (bytes.length > MAX_DETAIL_BYTES ? Buffer.from(bytes.subarray(0, MAX_DETAIL_BYTES)) : bytes); // a copy: the rest can go
const clipText = (text: string): string => (text.length > MAX_DETAIL_BYTES ? `${text.slice(0, MAX_DETAIL_BYTES)}…` : text);

/** The detail with every text cut to MAX_DETAIL_BYTES (the start kept: that is where a difference is found). */
function bounded(detail: FailureDetail): FailureDetail {
  return {
    ...detail,
    ...(detail.expected !== undefined && { expected: typeof detail.expected === 'string' ? clipText(detail.expected) : clip(detail.expected) }),
    ...(detail.received !== undefined && { received: clip(detail.received) }),
    ...(detail.sent && { sent: detail.sent.map((sent) => ({ ...sent, bytes: clip(sent.bytes) })) }),
    ...(detail.output !== undefined && { output: clipText(detail.output) }),
    ...(detail.stopped && { stopped: { ...detail.stopped, lastLines: clipText(detail.stopped.lastLines) } }),
    ...(detail.printedError && { printedError: { ...detail.printedError, lastLines: clipText(detail.printedError.lastLines) } }),
  };
}

/** A behaviour that did not hold. `reason` is shown in the student's language. */
export class CheckFailure extends Error {
  readonly detail: FailureDetail;
  constructor(
    readonly reason: Text,
    detail: FailureDetail = {},
  ) {
    const kept = bounded(detail);
    super(renderPlain(reason, kept));
    this.detail = kept;
    this.name = 'CheckFailure';
  }
}

function renderPlain(reason: Text, detail: FailureDetail): string {
  const lines = [reason.en];
  if (detail.sent?.length) lines.push(`sent:     ${detail.sent.map((s) => `${s.by}: ${escapeBytes(s.bytes)}`).join(', ')}`);
  if (detail.expected !== undefined) lines.push(`expected: ${escapeBytes(detail.expected)}`);
  if (detail.received !== undefined) lines.push(`received: ${escapeBytes(detail.received)}${detail.who ? ` (from ${detail.who})` : ''}`);
  if (detail.output !== undefined) lines.push(`output:\n${detail.output || '(nothing printed)'}`);
  if (detail.stopped) {
    const { who, code, signal, lastLines } = detail.stopped;
    lines.push(`the ${who} stopped during the check (${signal ?? `exit code ${code}`}); its last lines:\n${lastLines}`);
  }
  if (detail.printedError) lines.push(`the ${detail.printedError.who} printed an error:\n${detail.printedError.lastLines}`);
  return lines.join('\n');
}
