// Why a server did not start, told by the kind of failure: it does not
// compile, it throws while starting, it exits, it never listens, or it
// listens on another port than PORT. Each kind has its own hint, with the
// command that runs the program by hand from where the student is.
import { readFileSync } from 'node:fs';
import { CheckFailure } from './failure.ts';
import type { Program, Command } from './program.ts';
import { debugCommand, shown } from './target.ts';
import type { Text } from './text.ts';

export type StartFailureKind = 'compile' | 'throws' | 'exits' | 'never-listens' | 'other-port';

/** A place in a file: "server.ts:28:21". */
interface Place {
  file: string;
  line: number;
  column?: number;
}

const at = (place: Place) => `${shown(place.file)}:${place.line}${place.column ? `:${place.column}` : ''}`;

/** The line of the student's file at `place`, trimmed, if it can be read. */
function sourceLine(place: Place): string | undefined {
  try {
    return readFileSync(place.file, 'utf8').split('\n')[place.line - 1]?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A compile error, as esbuild (through tsx) or Python says it: its first line, with file and line. */
export function compileError(output: string): { place: Place; message: string } | undefined {
  const esbuild = /^(\S.*?):(\d+):(\d+): ERROR: (.+)$/m.exec(output);
  if (esbuild) return { place: { file: esbuild[1]!, line: Number(esbuild[2]), column: Number(esbuild[3]) }, message: esbuild[4]! };
  // Node's own parser, for a .js file: "file.js:3" then the line, a caret, and "SyntaxError: ...".
  const node = /^(\/\S+?\.[cm]?js):(\d+)\n(?:.*\n){0,3}?(SyntaxError: .+)$/m.exec(output);
  if (node) return { place: { file: node[1]!, line: Number(node[2]) }, message: node[3]! };
  const python = /^ {2}File "(.+?)", line (\d+)\n(?:.*\n){0,3}?((?:SyntaxError|IndentationError|TabError): .+)$/m.exec(output);
  if (python && !/^Traceback/m.test(output.slice(0, python.index))) return { place: { file: python[1]!, line: Number(python[2]) }, message: python[3]! };
  return undefined;
}

/** Not the student's code: Node's internals, installed packages, Python's library. */
const LIBRARY = /^(node:|internal\/)|\/node_modules\/|^<frozen |\/lib\/python3/;

/** An uncaught exception: its message, and the first place in the student's own code. */
export function thrown(output: string): { message: string; place?: Place } | undefined {
  const python = output.lastIndexOf('Traceback (most recent call last):');
  if (python !== -1) {
    const trace = output.slice(python);
    const message = /^(\w+(?:\.\w+)*(?:Error|Exception|Interrupt|Exit)?: .+|\w+Error)$/m.exec(
      trace
        .split('\n')
        .slice(1)
        .filter((line) => !line.startsWith(' '))
        .join('\n'),
    );
    const places = [...trace.matchAll(/^ {2}File "(.+?)", line (\d+)/gm)].map((m) => ({ file: m[1]!, line: Number(m[2]) }));
    const own = places.filter((place) => !LIBRARY.test(place.file)).pop();
    return { message: message?.[1] ?? trace.trim().split('\n').pop()!, ...(own && { place: own }) };
  }
  const node = /^(?:Uncaught )?([A-Z]\w*(?:Error|Exception)(?: \[\w+\])?: .+|Error: .+)$/m.exec(output);
  if (!node) return undefined;
  const frames = [...output.slice(node.index).matchAll(/^\s+at (?:.*? \()?(?:file:\/\/)?(.+?):(\d+):(\d+)\)?$/gm)];
  const own = frames.map((m) => ({ file: m[1]!, line: Number(m[2]), column: Number(m[3]) })).find((place) => !LIBRARY.test(place.file));
  return { message: node[1]!, ...(own && { place: own }) };
}

/** Python, or JavaScript/TypeScript, or something else: the hints name the right functions. */
function runtimeOf(command: Command): 'python' | 'node' {
  const words = 'shell' in command ? command.shell : command.argv.join(' ');
  return /python|\.py\b/.test(words) ? 'python' : 'node';
}

const readPort: Record<'python' | 'node', Text> = {
  node: {
    en: 'Read the port from process.env.PORT (and the address from process.env.HOST) and pass them to listen().',
    fr: 'Lisez le port dans process.env.PORT (et l’adresse dans process.env.HOST) et passez-les à listen().',
  },
  python: {
    en: "Read the port from os.environ['PORT'] (and the address from os.environ.get('HOST')), then bind((host, port)) and listen().",
    fr: "Lisez le port dans os.environ['PORT'] (et l’adresse dans os.environ.get('HOST')), puis appelez bind((host, port)) et listen().",
  },
};

/** "Read the port…" after a colon: "read the port…". */
const lowerFirst = (text: string) => text[0]!.toLowerCase() + text.slice(1);

/** Why the server did not start, as a failure whose hint fits the kind. */
export function startFailure(kind: StartFailureKind, program: Program, command: Command, port: number, otherPorts: number[] = []): CheckFailure {
  const output = program.output.all.toString();
  const run = debugCommand(command);
  const runtime = runtimeOf(command);
  const code = program.exit?.code ?? null;
  const how = program.exit?.signal ?? `exit code ${code}`;
  const howFr = program.exit?.signal ?? `code de sortie ${code}`;
  // The reason of a compile error or an exception holds its one useful line: the rest is a stack trace.
  const detail = kind === 'compile' || kind === 'throws' ? {} : { output: program.lastLines() }; // empty: the report says nothing was printed
  const fail = (reason: Text, hint: Text) => new CheckFailure(reason, { ...detail, hint, startFailure: kind });
  switch (kind) {
    case 'compile': {
      const error = compileError(output)!;
      const line = `${at(error.place)}: ${error.message}`;
      return fail(
        { en: `the server does not compile: ${line}`, fr: `le serveur ne compile pas : ${line}` },
        {
          en: `Fix this line (the first error is the one to fix first), then run it yourself: ${run}`,
          fr: `Corrigez cette ligne (la première erreur est celle à corriger d’abord), puis lancez-le vous-même : ${run}`,
        },
      );
    }
    case 'throws': {
      const error = thrown(output)!;
      const where = error.place ? ` at ${at(error.place)}` : '';
      const whereFr = error.place ? ` en ${at(error.place)}` : '';
      const source = error.place && sourceLine(error.place);
      const quoted = source ? `: ${source}` : '';
      return fail(
        {
          en: `the server threw an exception while starting${where}${quoted}\n${error.message}`,
          fr: `le serveur a levé une exception au démarrage${whereFr}${quoted}\n${error.message}`,
        },
        {
          en: `Read the exception's message and the line of your file it names. To see it yourself: ${run}`,
          fr: `Lisez le message de l’exception et la ligne de votre fichier qu’il désigne. Pour le voir vous-même : ${run}`,
        },
      );
    }
    case 'exits':
      return fail(
        { en: `the server ended (${how}) before listening on port ${port}`, fr: `le serveur s’est arrêté (${howFr}) avant d’écouter sur le port ${port}` },
        {
          en: `A server keeps running while it listens: does your program reach listen()? ${readPort[runtime].en} To see it yourself: ${run}`,
          fr: `Un serveur continue de tourner tant qu’il écoute : votre programme arrive-t-il jusqu’à listen() ? ${readPort[runtime].fr} Pour le voir vous-même : ${run}`,
        },
      );
    case 'other-port': {
      const ports = otherPorts.join(', ');
      return fail(
        {
          en: `the server listens on port ${ports}, not on port ${port} given in PORT`,
          fr: `le serveur écoute sur le port ${ports}, pas sur le port ${port} donné par PORT`,
        },
        {
          en: `The port is written in your code: ${lowerFirst(readPort[runtime].en)}`,
          fr: `Le port est écrit en dur dans votre code : ${lowerFirst(readPort[runtime].fr)}`,
        },
      );
    }
    case 'never-listens':
      return fail(
        {
          en: `the server runs but does not listen on port ${port} (given in PORT)`,
          fr: `le serveur tourne mais n’écoute pas sur le port ${port} (donné par PORT)`,
        },
        { en: `${readPort[runtime].en} To see it yourself: ${run}`, fr: `${readPort[runtime].fr} Pour le voir vous-même : ${run}` },
      );
  }
}

/**
 * A program under test (the client, say) that stopped during a check because
 * it does not compile: the compiler's first error, not the check's own words,
 * is what the student needs. Undefined when it stopped for another reason.
 */
export function compileFailure(program: Program): CheckFailure | undefined {
  const error = compileError(program.output.all.toString());
  if (!error) return undefined;
  const who = program.output.who;
  const whoFr = who === 'server' ? 'serveur' : who;
  const line = `${at(error.place)}: ${error.message}`;
  const run = debugCommand(program.command);
  return new CheckFailure(
    { en: `the ${who} does not compile: ${line}`, fr: `le ${whoFr} ne compile pas : ${line}` },
    {
      hint: {
        en: `Fix this line (the first error is the one to fix first), then run it yourself: ${run}`,
        fr: `Corrigez cette ligne (la première erreur est celle à corriger d’abord), puis lancez-le vous-même : ${run}`,
      },
      startFailure: 'compile',
    },
  );
}

/** The kind of failure of a server that exited before listening. */
export function exitKind(output: string): StartFailureKind {
  if (compileError(output)) return 'compile';
  if (thrown(output)) return 'throws';
  return 'exits';
}

/**
 * The end of what a program printed, to explain why it stopped: for an
 * uncaught exception, what it printed before, then the exception's message
 * and the place in the student's code, rather than the stack trace's tail.
 */
export function lastWords(output: string, count = 10): string {
  const error = thrown(output);
  const lines = output.trimEnd().split('\n');
  if (!error) return lines.slice(-count).join('\n');
  const start = output.lastIndexOf('Traceback (most recent call last):');
  const before = (start === -1 ? output.slice(0, output.indexOf(error.message)) : output.slice(0, start)).trimEnd().split('\n');
  // Node prints the failing line and a caret above the message: not the student's words.
  const said = before.slice(0, start === -1 ? Math.max(0, before.length - 4) : before.length).filter((line) => line.trim() !== '');
  const source = error.place && sourceLine(error.place);
  const where = error.place ? [`  at ${at(error.place)}${source ? `: ${source}` : ''}`] : [];
  return [...said.slice(-3), error.message, ...where].join('\n');
}
