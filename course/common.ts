// What several steps' checks share: the manual's protocol texts and helpers.
import path from 'node:path';
import { CheckFailure } from '../checker/failure.ts';
import type { Lab, RunningServer } from '../checker/lab.ts';
import type { Peer } from '../checker/peer.ts';
import type { Program } from '../checker/program.ts';
import { ROOT, commandFor } from '../checker/target.ts';
import type { Check } from '../checker/check.ts';
import { freePort } from '../checker/network.ts';

/** The manual's texts, byte for byte. */
export const NICK = 'NICK';
export const GREETING = 'Connected to the server';
export const joined = (nickname: string) => `${nickname} has joined the chat room`;
export const left = (nickname: string) => `${nickname} left the chat !`;
export const said = (nickname: string, text: string) => `${nickname}: ${text}`;

/** The manual's own Python programs, repaired just enough to run (manual/). */
export const manualServer = commandFor(path.join(ROOT, 'manual/chatroom.py'));
export const manualClient = commandFor(path.join(ROOT, 'manual/client.py'));

/** Connect and go through the NICK handshake as the manual's client does. */
export async function join(lab: Lab, server: RunningServer, nickname: string): Promise<Peer> {
  const peer = await lab.connect(server, nickname);
  await peer.readExactly(NICK);
  peer.send(nickname);
  await peer.readUntil(joined(nickname));
  await peer.readUntil(GREETING);
  return peer;
}

/** A line that looks like a stack trace ("    at foo (file.ts:1:2)"). */
const STACK_LINE = /^\s+at .+(\(|:\d+)/m;

/** The program has exited and said why in one or two clear lines, no stack trace. */
export async function expectOneLineError(program: Program, mustMention?: string): Promise<void> {
  const exit = await program.waitExit(15000);
  const output = program.output.all.toString().trim();
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  const detail = { output }; // empty: the report says nothing was printed, in the student's language
  if (exit.code === 0) {
    throw new CheckFailure(
      { en: 'it exited with code 0: an error should exit with another code', fr: 'il s’est arrêté avec le code 0 : une erreur doit donner un autre code' },
      detail,
    );
  }
  if (lines.length === 0) {
    throw new CheckFailure({ en: 'it exited without printing why', fr: 'il s’est arrêté sans dire pourquoi' }, detail);
  }
  if (STACK_LINE.test(output) || lines.length > 2) {
    throw new CheckFailure(
      {
        en: 'it printed a stack trace or several lines instead of one clear message',
        fr: 'il a affiché une pile d’appels ou plusieurs lignes au lieu d’un message clair',
      },
      detail,
    );
  }
  if (mustMention && !output.includes(mustMention)) {
    throw new CheckFailure({ en: `the message does not mention ${mustMention}`, fr: `le message ne mentionne pas ${mustMention}` }, detail);
  }
}

/** Fail when `text` appears in what `peer` received before a later marker. */
export function expectAbsent(before: string, text: string | RegExp, peer: Peer, reason: { en: string; fr: string }): void {
  const found = typeof text === 'string' ? before.includes(text) : text.test(before);
  if (found) throw peer.inbox.failure(reason, undefined, Buffer.from(before));
}

/** Every step's client: with no server, one clear line (after the nickname, from step 03). */
export function clientNoServer(nickname?: string): Check {
  return {
    id: 'client-no-server',
    title: {
      en: 'the client, with no server running: one clear line, no stack trace',
      fr: 'le client, sans serveur lancé : une ligne claire, sans pile d’appels',
    },
    hint: {
      en: "Listen for the socket's 'error' event and check err.code === 'ECONNREFUSED'.",
      fr: "Écoutez l’événement 'error' du socket et testez err.code === 'ECONNREFUSED'.",
    },
    needs: ['client'],
    async run(lab) {
      const client = lab.startClient(await freePort());
      if (nickname) client.writeLine(nickname);
      await expectOneLineError(client);
    },
  };
}
