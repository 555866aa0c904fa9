/** What each command a joined client types does. */
import type { CommandContext, Moderation, Someone, Speaker } from './context.ts';
import { checkNick } from './nick.ts';
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
      const check = checkNick(command.nick);
      if (!check.ok) return me.sendLine(errorNotice('nick-invalid', check.problem));
      if (check.nick === me.nick) return;
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
    case 'list':
      me.sendLine(notice('online', room.nicks()));
      return;
    case 'quit':
      me.quit('quit', command.reason);
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
  }
}

/** Someone called `nick`, here or on another server, or an error to the one who asked. */
function find(me: Speaker, { room }: CommandContext, nick: string): Someone | undefined {
  const target = room.find(nick);
  if (!target) {
    const check = checkNick(nick);
    me.sendLine(errorNotice('no-such-nick', check.ok ? check.nick : nick.slice(0, 32)));
  }
  return target;
}

function becomeOperator(me: Speaker, { options, room, log }: CommandContext, password: string): void {
  if (options.opPassword === undefined) return me.sendLine(errorNotice('op-disabled'));
  if (me.operator) return;
  if (!samePassword(password, options.opPassword)) {
    const failed = me.opFailed();
    log('op-password-wrong', `${me.nick} from ${me.address}`);
    me.sendLine(errorNotice('password-wrong', options.opAttempts - failed));
    if (failed >= options.opAttempts) me.quit('closed');
    return;
  }
  me.promote();
  log('operator', `${me.nick} from ${me.address}`);
  room.say(notice('operator', [me.nick]));
}

/** /kick, /mute, /unmute: operators only; everybody sees what happened. */
function moderate(me: Speaker, context: CommandContext, command: Extract<Command, { kind: Moderation }>): void {
  const { room, log } = context;
  if (!me.operator) return me.sendLine(errorNotice('not-operator'));
  const target = find(me, context, command.nick);
  if (!target) return;
  log(command.kind, `${target.nick} by ${me.nick}`);
  const notices = { kick: 'kicked', mute: 'muted', unmute: 'unmuted' } as const;
  room.say(notice(notices[command.kind], [target.nick, me.nick], (command.kind === 'kick' && command.reason) || undefined));
  room.moderate(target, command.kind);
}
