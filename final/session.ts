/**
 * One client's connection, from the NICK handshake to its departure: reads
 * its lines, guards the server against it (length, UTF-8, flood, a full
 * output buffer, silence), and sends it what the room says.
 */
import type net from 'node:net';
import { LineReader, type LineHandler } from './framing.ts';
import { TokenBucket } from './limits.ts';
import { checkNick, nickForLog } from './nick.ts';
import { NICK_PROMPT, PASSWORD_PROMPT, errorNotice, notice, parseCommand, type LeaveReason } from './protocol.ts';
import { decodeUtf8, sanitize } from './sanitize.ts';
import { runCommand } from './commands.ts';
import type { ChatContext, Decision, Seat, Speaker } from './context.ts';
import { formatAddress } from './log.ts';
import { samePassword } from './secrets.ts';

type State = 'password' | 'nick' | 'chat' | 'closed';

/** Where a socket keeps its session, for the listeners all sessions share. */
const SESSION = Symbol('session');
type SessionSocket = net.Socket & { [SESSION]?: Session };

/** The /list an operator has not asked for yet: one empty list for every session. */
const NOBODY: readonly string[] = Object.freeze([]);

export class Session implements Seat, Speaker, LineHandler {
  #nick = '';
  #key = '';
  readonly ip: string;
  /** Its port: with the IP, its address in the log ("127.0.0.1:41234"), made when written (most never are). */
  readonly #port: number;
  #state: State = 'nick';
  #reader: LineReader;
  /** The flood guard, made at the first chat line: a connection that never speaks costs none. */
  #bucket: TokenBucket | undefined;
  #floodWarned = false;
  #output: Buffer[] = [];
  #outputBytes = 0;
  #leaveReason: LeaveReason | undefined;
  #leaveMessage = '';
  #passwordAttempts = 0;
  #timer: NodeJS.Timeout | undefined;
  /** Moderation: an operator may kick and mute; a muted member cannot speak. */
  #operator = false;
  #opFailures = 0;
  /** Until when it is muted (Date.now() time; 0: it is not): a mute ends by itself. */
  #mutedUntil = 0;
  /** Was its arrival announced? (Not when its address comes and goes too often.) Then so is its departure. */
  #announced = false;
  #listed: readonly string[] = NOBODY;
  /** Waiting for the room (a nickname being reserved on every server): lines wait their turn. */
  #busy = false;
  #waiting: Buffer[] | undefined;
  readonly #connectedAt = Date.now();
  /** When it last sent a line, and when it was asked whether it is still there (0: not asked). */
  #lastActive = this.#connectedAt;
  #pingedAt = 0;

  constructor(
    private readonly socket: net.Socket,
    private readonly context: ChatContext,
    ip: string,
    port: number,
  ) {
    this.ip = ip;
    this.#port = port;
    const { options } = context;
    this.#reader = new LineReader(options.maxLine, this); // it calls line() and tooLong() below
    socket.setNoDelay(true); // a chat line is small and wanted now: no Nagle delay
    // The same listeners for every session, which each find theirs on the
    // socket: a closure each per connection, times 10 000 idle ones, weighed
    // 2 MB. No 'end' listener: a client that closes its side gets 'close' at
    // once (Node ends ours), and #closed() says it left ('closed').
    (socket as SessionSocket)[SESSION] = this;
    socket.on('data', Session.#onData);
    socket.on('error', Session.#onError);
    socket.on('close', Session.#onClose);
    if (options.password !== undefined) this.#state = 'password';
    this.sendLine(this.#state === 'password' ? PASSWORD_PROMPT : NICK_PROMPT);
  }

  static #onData(this: net.Socket, chunk: Buffer): void {
    (this as SessionSocket)[SESSION]!.#reader.push(chunk);
  }

  static #onError(this: net.Socket, err: Error): void {
    const session = (this as SessionSocket)[SESSION]!;
    session.context.log('error', `${session.address} ${session.nick ? nickForLog(session.nick) : '(no nickname)'}: ${err.message}`);
    session.#leave('reset');
  }

  static #onClose(this: net.Socket): void {
    (this as SessionSocket)[SESSION]!.#closed();
  }

  /** "127.0.0.1:41234", "[::1]:41234": for the log. */
  get address(): string {
    return formatAddress(this.ip, this.#port);
  }

  get nick(): string {
    return this.#nick;
  }

  /** The nickname's folded form, the one it is compared and stored under. */
  get key(): string {
    return this.#key;
  }

  get joined(): boolean {
    return this.#state === 'chat';
  }

  get operator(): boolean {
    return this.#operator;
  }

  get muted(): boolean {
    return this.#mutedUntil !== 0 && this.#mutedUntil > Date.now(); // most never are: no clock read for them
  }

  // ------------------------------------------------------------------ output

  /** Queue one line for this client. */
  sendLine(line: string): void {
    this.deliver(Buffer.from(`${line}\n`));
  }

  /** Queue bytes for this client alone, after the room's lines so far; they leave with the next flush, in one write. */
  deliver(bytes: Buffer): void {
    if (this.#state === 'closed' || this.socket.writableEnded) return; // gone, or leaving
    if (this.#output.length === 0) this.context.flushLater(this);
    for (const line of this.context.room.take(this)) this.#queue(line);
    this.#queue(bytes);
  }

  #queue(bytes: Buffer): void {
    this.#output.push(bytes);
    this.#outputBytes += bytes.length;
  }

  // #region flush
  /**
   * Write what is queued, then `lines` (the room's, shared with the other
   * members), in one system call; drop the client if it stopped reading.
   */
  flush(lines?: Buffer): void {
    const socket = this.socket;
    if (this.#state === 'closed' || socket.writableEnded || socket.destroyed) return;
    if (!lines)
      for (const line of this.context.room.take(this)) this.#queue(line); // flushed early (quit): the room's lines first
    else if (this.#output.length > 0) this.#queue(lines); // after its own
    // Usually nothing of its own is queued: the room's buffer goes as it is, the same for every member.
    const output = this.#output;
    const bytes = output.length === 0 ? lines : output.length === 1 ? output[0]! : Buffer.concat(output, this.#outputBytes);
    if (!bytes) return;
    if (output.length > 0) {
      this.#output = [];
      this.#outputBytes = 0;
    }
    socket.write(bytes);
    if (socket.writableLength > this.context.options.maxOutput) {
      this.context.log('too-slow', `${this.address} ${nickForLog(this.nick)}: ${socket.writableLength} bytes unsent`);
      this.#leave('too-slow');
      socket.destroy();
    }
  }
  // #endregion flush

  // ------------------------------------------------------------------ input

  /** The framing's callbacks (LineReader): a whole line came, or a line too long. */
  line(bytes: Buffer): void {
    this.#onLine(bytes);
  }

  tooLong(): void {
    this.sendLine(errorNotice('too-long', this.context.options.maxLine));
  }

  // #region onLine
  #onLine(bytes: Buffer): void {
    if (this.#state === 'closed') return;
    if (this.#busy) {
      this.socket.pause(); // no more reading until the answer comes
      this.#waiting ??= [];
      if (this.#waiting.length < this.context.options.maxWaiting) this.#waiting.push(Buffer.from(bytes)); // a copy: `bytes` is only lent
      return;
    }
    this.#lastActive = Date.now();
    this.#pingedAt = 0;
    const text = decodeUtf8(bytes);
    if (text === null) {
      this.sendLine(errorNotice('bad-utf8'));
      return;
    }
    if (this.#state === 'password') return this.#onPassword(text);
    const clean = sanitize(text);
    if (this.#state === 'nick') return this.#onNick(text); // checkNick refuses controls and invisibles, saying so
    const command = parseCommand(clean);
    if (command.kind !== 'pong' && !this.#allowed()) return;
    runCommand(this, this.context.commands, command);
  }
  // #endregion onLine

  // #region flood
  /** Flood control, for chat lines: one token per line; none left, the line is dropped. */
  #allowed(): boolean {
    this.#bucket ??= new TokenBucket(this.context.options.floodBurst, this.context.options.floodRate, this.#lastActive);
    if (this.#bucket.take(this.#lastActive)) {
      this.#floodWarned = false;
      return true;
    }
    if (!this.#floodWarned) {
      this.#floodWarned = true; // one notice per flood, not one per dropped line
      this.context.log('flood', `${this.address} ${nickForLog(this.nick)}`);
      this.sendLine(errorNotice('flood', this.#bucket.wait(this.#lastActive)));
    }
    return false;
  }
  // #endregion flood

  /**
   * Right: on to the nickname. Wrong: answer after a delay (it slows
   * guessing); 3 wrong: goodbye. Wrong ones are also counted per address,
   * across connections: too many, and the address is locked out a while.
   */
  #onPassword(text: string): void {
    if (this.#timer) return; // lines typed while we make a guesser wait are ignored
    const { options, guard, log } = this.context;
    const locked = guard.lockedFor(this.ip);
    if (locked > 0) {
      this.sendLine(errorNotice('locked', locked)); // not even compared: the answer would tell
      return this.quit('closed');
    }
    if (samePassword(text, options.password ?? '')) {
      this.#state = 'nick';
      this.sendLine(NICK_PROMPT);
      return;
    }
    this.#passwordAttempts++;
    const left = options.passwordAttempts - this.#passwordAttempts;
    this.context.summary.log('password-wrong', this.ip, `${this.address} (${left} attempt(s) left)`, 'wrong passwords');
    const lockedOut = guard.failed(this.ip);
    if (lockedOut) log('locked-out', `${this.ip} for ${options.lockoutSeconds} s after ${options.lockoutFailures} wrong passwords`);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (lockedOut) {
        this.sendLine(errorNotice('locked', guard.lockedFor(this.ip)));
        return this.quit('closed');
      }
      this.sendLine(errorNotice('password-wrong', left));
      if (left > 0) this.sendLine(PASSWORD_PROMPT);
      else this.quit('closed');
    }, options.passwordDelay * 1000);
  }

  /**
   * Do something that needs the room's answer (reserving a nickname may ask
   * other servers): the lines that arrive meanwhile wait, then run in order.
   */
  wait(work: () => Promise<void>): void {
    this.#busy = true;
    work()
      .catch((error: Error) => this.context.log('error', `${this.address} ${nickForLog(this.nick)}: ${error.message}`))
      .finally(() => {
        this.#busy = false;
        while (!this.#busy && this.#waiting?.length) this.#onLine(this.#waiting.shift()!);
        if (!this.#busy && this.#state !== 'closed') this.socket.resume();
      });
  }

  #onNick(text: string): void {
    const check = checkNick(text);
    if (!check.ok) {
      this.sendLine(errorNotice('nick-invalid', check.problem));
      this.sendLine(NICK_PROMPT);
      return;
    }
    const { hub } = this.context;
    this.wait(async () => {
      if (!(await hub.claim(check.key, check.nick))) {
        this.context.summary.log('nick-taken', this.ip, `${nickForLog(check.nick)} refused to ${this.address}`, 'refused nicknames');
        this.sendLine(errorNotice('nick-taken', check.nick));
        this.sendLine(NICK_PROMPT);
        return;
      }
      if (this.#state === 'closed') return hub.release(check.key); // it left while we asked
      this.#nick = check.nick;
      this.#key = check.key;
      this.#state = 'chat';
      const { moderation, guard, log } = this.context;
      this.#mutedUntil = moderation.mutedUntil(this.ip, this.#key); // leaving did not lift it
      this.#announced = this.context.unlimited(this.ip) || guard.mayAnnounce(this.ip);
      log('joined', `${nickForLog(this.nick)} from ${this.address}${this.#announced ? '' : ' (unannounced: its address comes and goes too often)'}`);
      this.sendLine(notice('welcome', [this.nick, hub.size + 1]));
      hub.join(this, this.#announced);
    });
  }

  // ------------------------------------------------------------------ what others may change

  /** Take a new nickname, already claimed in the whole room; everyone is told. */
  rename(nick: string, key: string): void {
    const old = { nick: this.#nick, key: this.#key };
    this.#nick = nick;
    this.#key = key;
    this.context.log('renamed', `${nickForLog(old.nick)} to ${nickForLog(nick)} from ${this.address}`);
    this.context.hub.renamed(this, old);
  }

  get listed(): readonly string[] {
    return this.#listed;
  }

  list(nicks: string[]): void {
    this.#listed = nicks; // "#3" in an operator's next command is the third of these
    this.sendLine(notice('online', nicks));
  }

  promote(): void {
    this.#operator = true;
  }

  opFailed(): number {
    return ++this.#opFailures;
  }

  mute(muted: boolean, decision: Decision): void {
    const { moderation, options, log } = this.context;
    this.#mutedUntil = muted ? Date.now() + options.muteSeconds * 1000 : 0;
    if (muted) moderation.mute(this.ip, this.#key, this.#mutedUntil);
    else moderation.unmute(this.ip, this.#key);
    log(muted ? 'muted' : 'unmuted', `${nickForLog(this.nick)} from ${this.address} by ${nickForLog(decision.by)}`);
  }

  // #region sweep
  /**
   * Called a few times a second by the server's one timer: a connection
   * with no nickname in time is closed; a silent member is asked whether it
   * is still there (any line answers), and closed if it does not answer.
   */
  sweep(now: number): void {
    const { nickTimeout, idleTimeout, pingTimeout } = this.context.options;
    if (this.#state === 'closed') return;
    if (!this.joined) {
      if (now - this.#connectedAt > nickTimeout * 1000) {
        this.sendLine(errorNotice('nick-timeout'));
        this.quit('timeout');
      }
    } else if (this.#pingedAt === 0) {
      if (now - this.#lastActive > idleTimeout * 1000) {
        this.#pingedAt = now;
        this.sendLine(notice('ping'));
      }
    } else if (now - this.#pingedAt > pingTimeout * 1000) {
      this.quit('timeout');
      this.socket.destroy();
    }
  }
  // #endregion sweep

  // ------------------------------------------------------------------ leaving

  /** Leave with a reason: /quit, a timeout, the server stopping... */
  quit(reason: LeaveReason, message = ''): void {
    this.#leave(reason, message);
    this.flush();
    this.socket.end();
    // A client may keep its side open (nc does): it must not keep its place in the room.
    setTimeout(() => this.socket.destroy(), this.context.options.quitGrace * 1000).unref();
  }

  /** Cut the connection now, without a goodbye (the server's last resort when it stops). */
  destroy(): void {
    this.socket.destroy();
  }

  /** An operator put this member out: close, and keep its address out for a while. */
  kick(decision: Decision): void {
    const { moderation, options, log } = this.context;
    if (options.banSeconds > 0) {
      moderation.ban({ ip: this.ip, nick: this.nick, by: decision.by, reason: decision.reason ?? '', until: Date.now() + options.banSeconds * 1000 });
    }
    log('kicked', `${nickForLog(this.nick)} from ${this.address} by ${nickForLog(decision.by)}${decision.reason ? ` (${decision.reason})` : ''}`);
    this.quit('kicked');
  }

  /** Remember the first reason given: 'close' comes later and says nothing of why. */
  #leave(reason: LeaveReason, message = ''): void {
    if (this.#leaveReason) return;
    this.#leaveReason = reason;
    this.#leaveMessage = message;
  }

  #closed(): void {
    const wasJoined = this.#state === 'chat';
    this.#state = 'closed';
    clearTimeout(this.#timer);
    this.#output = [];
    this.#waiting = undefined;
    this.context.forget(this);
    if (!wasJoined) return;
    const reason = this.#leaveReason ?? 'closed';
    // The reason, never the /quit message: the log keeps who and why, not what anyone said.
    this.context.log('left', `${nickForLog(this.nick)} from ${this.address} (${reason})`);
    // A kick was announced by the operator's notice; the people here were told of a shutdown;
    // an arrival that was not announced (its address churns) leaves unannounced too.
    const line = reason === 'kicked' || !this.#announced ? undefined : notice('left', [this.nick, reason], this.#leaveMessage || undefined);
    this.context.hub.leave(this, line, reason !== 'shutdown');
  }
}
