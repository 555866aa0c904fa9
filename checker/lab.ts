import net from 'node:net';
import type tls from 'node:tls';
import { CheckFailure, type Sent } from './failure.ts';
import { freePort, isListening, listeningPortsOf } from './network.ts';
import { exitKind, startFailure } from './start-failure.ts';
import { Peer } from './peer.ts';
import { Program, type Command } from './program.ts';
import type { Target } from './target.ts';

/** One argument quoted for the shell that runs command lines: sh, or cmd.exe on Windows. */
const quote = (arg: string) => (process.platform === 'win32' ? `"${arg.replace(/"/g, '""')}"` : `'${arg.replace(/'/g, `'\\''`)}'`);

/** The same command with more arguments at the end. */
function withArgs(command: Command, args: string[]): Command {
  if (args.length === 0) return command;
  if ('argv' in command) return { ...command, argv: [...command.argv, ...args] };
  return { ...command, shell: `${command.shell} ${args.map(quote).join(' ')}` };
}

/** How long a server under test may take to start listening (tsx compiles first). */
const START_TIMEOUT_MS = 15000;
/**
 * When, and then how often, to look whether a server that does not listen on
 * PORT listens elsewhere: most servers listen sooner, and never pay for it.
 */
const OTHER_PORT_FIRST_LOOK_MS = 1500;
const OTHER_PORT_LOOK_MS = 1000;

export interface RunningServer {
  host: string;
  port: number;
  program: Program;
}

/**
 * Everything one check starts (servers, clients, connections), so that all of
 * it is stopped afterwards, whether the check passed or failed.
 */
export class Lab {
  #programs: Program[] = [];
  /** The student's programs among them (not the manual's, nor other helpers). */
  #underTest = new Set<Program>();
  #sockets: net.Socket[] = [];
  #servers: net.Server[] = [];
  /** Everything the test's clients sent to the server, in order: a failure shows it whole. */
  #transcript: Sent[] = [];

  constructor(
    readonly target: Target,
    readonly host = '127.0.0.1',
  ) {}

  /**
   * Start the server under test (or `command`) with PORT and HOST set, and
   * `args` after its command line; do not wait for it.
   */
  async spawnServer(env: NodeJS.ProcessEnv = {}, command = this.target.server, args: string[] = []): Promise<{ port: number; program: Program }> {
    if (!command) throw new Error('this target has no server');
    const port = Number(env.PORT ?? (await freePort(this.host)));
    const program = new Program(withArgs(command, args), { HOST: this.host, PORT: String(port), ...env }, 'server');
    this.#programs.push(program);
    if (command === this.target.server) this.#underTest.add(program);
    return { port, program };
  }

  /** Start the server under test (or `command`) and wait until it listens on its port. */
  async startServer(env: NodeJS.ProcessEnv = {}, command = this.target.server): Promise<RunningServer> {
    const { port, program } = await this.spawnServer(env, command);
    const host = env.HOST ?? this.host;
    const deadline = Date.now() + START_TIMEOUT_MS;
    let nextLook = Date.now() + OTHER_PORT_FIRST_LOOK_MS;
    while (!(await isListening(port, host))) {
      if (program.exit) throw startFailure(exitKind(program.output.all.toString()), program, command!, port);
      // A port written in the code: the program listens, but elsewhere.
      if (Date.now() > nextLook && program.pid !== undefined) {
        nextLook = Date.now() + OTHER_PORT_LOOK_MS;
        const others = (await listeningPortsOf(program.pid))?.filter((other) => other !== port) ?? [];
        if (others.length > 0 && !(await isListening(port, host))) throw startFailure('other-port', program, command!, port, others);
      }
      if (Date.now() > deadline) throw startFailure('never-listens', program, command!, port);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return { host, port, program };
  }

  /** Connect a test client to a server, over TLS with `secure`. */
  async connect(server: { port: number; host: string }, who: string, secure?: tls.ConnectionOptions): Promise<Peer> {
    const peer = await Peer.connect(server.port, server.host, who, 5000, secure);
    peer.inbox.transcript = this.#transcript;
    this.#sockets.push(peer.socket);
    return peer;
  }

  /** Start the client under test against `port`, its keyboard and screen piped to the test. */
  startClient(port: number, who = 'client', env: NodeJS.ProcessEnv = {}, args: string[] = []): Program {
    if (!this.target.client) throw new Error('this target has no client');
    const program = new Program(withArgs(this.target.client, args), { HOST: this.host, PORT: String(port), ...env }, who);
    this.#programs.push(program);
    this.#underTest.add(program);
    return program;
  }

  /** Start any other program (a Python fixture, say) that the check needs. */
  startProgram(command: Command, env: NodeJS.ProcessEnv, who: string): Program {
    const program = new Program(command, env, who);
    this.#programs.push(program);
    return program;
  }

  /**
   * A scripted server, to test a client: each connection it accepts is a Peer.
   * With `allowHalfOpen`, it can still send after the client has ended its side.
   */
  async fakeServer(options: { allowHalfOpen?: boolean } = {}): Promise<{ port: number; host: string; accept: (timeoutMs?: number) => Promise<Peer> }> {
    const peers: Peer[] = [];
    const waiting: ((peer: Peer) => void)[] = [];
    const server = net.createServer(options, (socket) => {
      this.#sockets.push(socket);
      const peer = new Peer(socket, 'client', 'test-server');
      const next = waiting.shift();
      if (next) next(peer);
      else peers.push(peer);
    });
    this.#servers.push(server);
    const port = await freePort(this.host);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, resolve);
    });
    const accept = (timeoutMs = 10000) =>
      new Promise<Peer>((resolve, reject) => {
        const ready = peers.shift();
        if (ready) return resolve(ready);
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(onPeer), 1);
          reject(
            new CheckFailure({ en: `the client did not connect within ${timeoutMs / 1000} s`, fr: `le client ne s’est pas connecté en ${timeoutMs / 1000} s` }),
          );
        }, timeoutMs);
        const onPeer = (peer: Peer) => {
          clearTimeout(timer);
          resolve(peer);
        };
        waiting.push(onPeer);
        // A client that stops before it connects (it does not compile, say) will not connect: no need to wait.
        for (const program of this.#underTest) {
          if (program.exit !== null) continue; // one that ended earlier in the check (a first client that quit)
          void program.exited.then((exit) => {
            if (!waiting.includes(onPeer)) return;
            waiting.splice(waiting.indexOf(onPeer), 1);
            clearTimeout(timer);
            reject(
              new CheckFailure({
                en: `the ${program.output.who} stopped (${exit.signal ?? `exit code ${exit.code}`}) before connecting`,
                fr: `le ${program.output.who} s’est arrêté (${exit.signal ?? `code de sortie ${exit.code}`}) avant de se connecter`,
              }),
            );
          });
        }
      });
    return { port, host: this.host, accept };
  }

  /**
   * A program under test (server or client) that stopped by itself while the
   * check ran: a crash, usually. Waits briefly: the news of a crash can trail
   * the failure it caused.
   */
  /** The student's programs this lab started. */
  get programsUnderTest(): Program[] {
    return [...this.#underTest];
  }

  async stoppedProgram(graceMs = 300): Promise<Program | undefined> {
    const programs = [...this.#underTest];
    const grace = new Promise((resolve) => setTimeout(resolve, graceMs));
    await Promise.race([grace, ...programs.map((program) => program.exited)]);
    return programs.find((program) => program.exit !== null);
  }

  /** Stop everything this lab started. */
  async cleanup(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await Promise.all(this.#programs.map((program) => program.stop()));
    await Promise.all(this.#servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
