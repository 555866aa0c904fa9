/** What each command a joined client types does. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandContext, ModerationKind, Someone, Speaker } from './context.ts';
import { checkNick, nickForLog } from './nick.ts';
import { text } from './i18n.ts';
import { COMMANDS, actionLine, errorNotice, notice, privateLine, publicLine, type Command, type CommandName } from './protocol.ts';
import { samePassword } from './secrets.ts';

export function runCommand(me: Speaker, context: CommandContext, command: Command): void {
  const { room } = context;
  switch (command.kind) {
    // #region say
    case 'say':
      // An empty line says nothing: do not wake everybody up for it.
      if (command.text.trim() === '') return;
      if (me.muted) return me.sendLine(errorNotice('muted'));
      room.say(publicLine(me.nick, command.text));
      return;
    case 'me':
      if (me.muted) return me.sendLine(errorNotice('muted'));
      room.say(actionLine(me.nick, command.text));
      return;
    // #endregion say
    case 'msg': {
      if (me.muted) return me.sendLine(errorNotice('muted'));
      const target = find(me, context, command.to);
      if (!target) return;
      const line = privateLine(me.nick, target.nick, command.text);
      room.tell(target, line);
      if (target.key !== me.key) me.sendLine(line); // the sender sees what it sent
      return;
    }
    case 'nick': {
      if (me.muted) return me.sendLine(errorNotice('muted')); // a new name would be heard by everyone
      const check = checkNick(command.nick);
      if (!check.ok) return me.sendLine(errorNotice('nick-invalid', check.problem));
      if (check.nick === me.nick) return;
      // A rename is a notice on every screen: it comes out of the address's
      // budget of notices, as joining and leaving do, or a loop of /nick floods the room.
      const { guard } = context;
      if (!context.unlimited(me.ip) && !guard.mayAnnounce(me.ip)) return me.sendLine(errorNotice('flood', guard.noticeWait(me.ip)));
      me.wait(async () => {
        // A change of case keeps the same key: nothing to reserve.
        if (check.key !== me.key && !(await room.claim(check.key, check.nick))) {
          return me.sendLine(errorNotice('nick-taken', check.nick));
        }
        if (!me.joined) return room.release(check.key); // it left while we asked
        me.rename(check.nick, check.key);
      });
      return;
    }
    case 'list': {
      me.list(room.nicks());
      return;
    }
    case 'quit':
      me.quit('quit', me.muted ? '' : command.reason); // a muted member leaves, its last words unheard
      return;
    case 'help':
      // The usage in English; the course's client shows its own language's instead.
      for (const [name, { operator }] of Object.entries(COMMANDS)) {
        const [usage, what] = text.en.help[name as CommandName];
        if (!operator || me.operator) me.sendLine(notice('help', [name], `${usage}  ${what}`));
      }
      return;
    case 'pong':
      return; // being alive was the point: the line itself reset the idle clock
    case 'usage':
      me.sendLine(errorNotice('usage', command.command));
      return;
    case 'unknown':
      me.sendLine(errorNotice('unknown-command', command.command || '/'));
      return;
    case 'op':
      return becomeOperator(me, context, command.password);
    case 'kick':
    case 'mute':
    case 'unmute':
      return moderate(me, context, command);
    case 'bans':
    case 'unban':
      return bans(me, context, command);
  }
}

/** Someone called `nick` (or "#3": the third of the last /list), here or on another server, or an error to the one who asked. */
function find(me: Speaker, { room }: CommandContext, nick: string): Someone | undefined {
  const numbered = /^#(\d+)$/.exec(nick);
  const target = room.find(numbered ? (me.listed[Number(numbered[1]) - 1] ?? '') : nick);
  if (!target) {
    const check = checkNick(nick);
    me.sendLine(errorNotice('no-such-nick', check.ok ? check.nick : nick.slice(0, 32)));
  }
  return target;
}

/**
 * /op PASSWORD. A wrong one costs what a wrong room password costs: an
 * answer only after a delay (the lines typed meanwhile wait), one more
 * failure for the address (too many lock it out of both passwords), and
 * the connection after a few.
 */
function becomeOperator(me: Speaker, { options, room, log, guard }: CommandContext, password: string): void {
  if (options.opPassword === undefined) return me.sendLine(errorNotice('op-disabled'));
  if (me.operator) return;
  const locked = guard.lockedFor(me.ip);
  if (locked > 0) return me.sendLine(errorNotice('locked', locked)); // not even compared: the answer would tell
  if (samePassword(password, options.opPassword)) {
    me.promote();
    log('operator', `${nickForLog(me.nick)} from ${me.address}`);
    return room.say(notice('operator', [me.nick]));
  }
  const failed = me.opFailed();
  log('op-password-wrong', `${nickForLog(me.nick)} from ${me.address}`);
  const lockedOut = guard.failed(me.ip);
  if (lockedOut) log('locked-out', `${me.ip} for ${options.lockoutSeconds} s after ${options.lockoutFailures} wrong passwords`);
  me.wait(async () => {
    await sleep(options.passwordDelay * 1000);
    if (lockedOut) return me.sendLine(errorNotice('locked', guard.lockedFor(me.ip)));
    me.sendLine(errorNotice('password-wrong', Math.max(0, options.opAttempts - failed)));
    if (failed >= options.opAttempts) me.quit('closed');
  });
}

/** /kick, /mute, /unmute: operators only; everybody sees what happened. */
function moderate(me: Speaker, context: CommandContext, command: Extract<Command, { kind: ModerationKind }>): void {
  const { room } = context;
  if (!me.operator) return me.sendLine(errorNotice('not-operator'));
  const target = find(me, context, command.nick);
  if (!target) return;
  if (target.key === me.key) return me.sendLine(errorNotice('not-yourself'));
  const reason = (command.kind === 'kick' && command.reason) || undefined;
  const notices = { kick: 'kicked', mute: 'muted', unmute: 'unmuted' } as const;
  room.say(notice(notices[command.kind], [target.nick, me.nick], reason));
  room.moderate(target, command.kind, { by: me.nick, ...(reason && { reason }) }); // logged where it is applied
}

/** /bans lists this server's bans, numbered; /unban #2 (or an address) lifts one. Addresses are shown to operators only. */
function bans(me: Speaker, { moderation, log }: CommandContext, command: Extract<Command, { kind: 'bans' | 'unban' }>): void {
  if (!me.operator) return me.sendLine(errorNotice('not-operator'));
  const now = Date.now();
  const list = moderation.bans(now);
  if (command.kind === 'bans') {
    me.sendLine(notice('bans', [list.length]));
    list.forEach((ban, i) => me.sendLine(notice('ban', [i + 1, ban.ip, ban.nick, Math.ceil((ban.until - now) / 1000)], ban.reason || undefined)));
    return;
  }
  const numbered = /^#(\d+)$/.exec(command.who);
  const ip = numbered ? list[Number(numbered[1]) - 1]?.ip : command.who;
  const lifted = ip === undefined ? undefined : moderation.unban(ip);
  if (!lifted) return me.sendLine(errorNotice('no-such-ban', command.who.slice(0, 64)));
  log('unbanned', `${lifted.ip} (${nickForLog(lifted.nick)}) by ${nickForLog(me.nick)}`);
  me.sendLine(notice('unbanned', [lifted.ip, me.nick]));
}
