import type { Text } from './text.ts';
import { escapeBytes } from './bytes.ts';

/**
 * Where an inbox's bytes come from: a connection the test holds while playing
 * a client of the server under test, or playing the server of the client under
 * test; or the text a program printed.
 */
export type Channel = 'test-client' | 'test-server' | 'output';

/** What a check saw when it failed: enough for a student to see the wrong byte. */
export interface FailureDetail {
  /** Who produced `received`: "server", "client output", "alice"... */
  who?: string;
  /** How `who` is connected to the test, for reports ("server → alice"). */
  channel?: Channel;
  /** The text that should have arrived. */
  expected?: string;
  /** What arrived instead (since the last expected text that did arrive). */
  received?: Buffer;
  /** What the test sent to that peer, in order. */
  sent?: Buffer[];
  /** The last lines the program under test printed. */
  output?: string;
  /** A program under test that stopped during the check, and its last lines. */
  stopped?: { who: string; code: number | null; signal: string | null; lastLines: string };
}

/** A behaviour that did not hold. `reason` is shown in the student's language. */
export class CheckFailure extends Error {
  constructor(
    readonly reason: Text,
    readonly detail: FailureDetail = {},
  ) {
    super(renderPlain(reason, detail));
    this.name = 'CheckFailure';
  }
}

function renderPlain(reason: Text, detail: FailureDetail): string {
  const lines = [reason.en];
  if (detail.sent?.length) lines.push(`sent:     ${detail.sent.map((b) => escapeBytes(b)).join(', ')}`);
  if (detail.expected !== undefined) lines.push(`expected: ${escapeBytes(detail.expected)}`);
  if (detail.received !== undefined) lines.push(`received: ${escapeBytes(detail.received)}${detail.who ? ` (from ${detail.who})` : ''}`);
  if (detail.output) lines.push(`output:\n${detail.output}`);
  if (detail.stopped) {
    const { who, code, signal, lastLines } = detail.stopped;
    lines.push(`the ${who} stopped during the check (${signal ?? `exit code ${code}`}); its last lines:\n${lastLines}`);
  }
  return lines.join('\n');
}
