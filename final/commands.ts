/** What each command a joined client types does. */
import { checkNick } from './nick.ts';
import { COMMAND_USAGE, OPERATOR_USAGE, actionLine, errorNotice, notice, privateLine, publicLine, type Command } from './protocol.ts';
import { samePassword } from './secrets.ts';
import type { Someone } from './hub.ts';
import type { Session } from './session.ts';

export function runCommand(session: Session, command: Command): void {
  const { hub, log } = session.context;
  switch (command.kind) {
    // #region say
    case 'say':
      // An empty line says nothing: do not wake everybody up for it.
      if (command.text.trim() === '') return;
      if (session.muted) return session.sendLine(errorNotice('muted'));
      hub.say(publicLine(session.nick, command.text));
      return;
    case 'me':
      if (session.muted) return session.sendLine(errorNotice('muted'));
      hub.say(actionLine(session.nick, command.text));
      return;
    // #endregion say
    case 'msg': {
      if (session.muted) return session.sendLine(errorNotice('muted'));
      const target = find(session, command.to);
      if (!target) return;
      const line = privateLine(session.nick, target.nick, command.text);
      hub.tell(target, line);
      if (target.session !== session) session.sendLine(line); // the sender sees what it sent
      return;
    }
    case 'nick': {
      const check = checkNick(command.nick);
      if (!check.ok) return session.sendLine(errorNotice('nick-invalid'));
      if (check.nick === session.nick) return;
      session.wait(async () => {
        // A change of case keeps the same key: nothing to reserve.
        if (check.key !== session.key && !(await hub.claim(check.key, check.nick))) {
          return session.sendLine(errorNotice('nick-taken', check.nick));
        }
        if (!session.joined) return hub.link?.release(check.key); // it left while we asked
        const old = { nick: session.nick, key: session.key };
        session.nick = check.nick;
        session.key = check.key;
        log('renamed', `${old.nick} to ${session.nick} from ${session.address}`);
        hub.renamed(session, old);
      });
      return;
    }
    case 'list':
      session.sendLine(notice('online', hub.nicks()));
      return;
    case 'quit':
      session.quit('quit', command.reason);
      return;
    case 'help':
      for (const [name, usage] of Object.entries(COMMAND_USAGE)) session.sendLine(notice('help', [name], usage));
      if (session.operator) for (const [name, usage] of Object.entries(OPERATOR_USAGE)) session.sendLine(notice('help', [name], usage));
      return;
    case 'pong':
      return; // being alive was the point: the line itself reset the idle clock
    case 'usage':
      session.sendLine(errorNotice('usage', command.command));
      return;
    case 'unknown':
      session.sendLine(errorNotice('unknown-command', command.command || '/'));
      return;
    case 'op':
      return becomeOperator(session, command.password);
    case 'kick':
    case 'mute':
    case 'unmute':
      return moderate(session, command);
  }
}

/** Someone called `nick`, here or on another server, or an error to the one who asked. */
function find(session: Session, nick: string): Someone | undefined {
  const target = session.context.hub.find(nick);
  if (!target) {
    const check = checkNick(nick);
    session.sendLine(errorNotice('no-such-nick', check.ok ? check.nick : nick.slice(0, 32)));
  }
  return target;
}

/** Wrong /op passwords allowed before the connection is closed. */
const OP_ATTEMPTS = 3;

function becomeOperator(session: Session, password: string): void {
  const { options, hub, log } = session.context;
  if (options.opPassword === undefined) return session.sendLine(errorNotice('op-disabled'));
  if (session.operator) return;
  if (!samePassword(password, options.opPassword)) {
    session.opAttempts++;
    log('op-password-wrong', `${session.nick} from ${session.address}`);
    session.sendLine(errorNotice('password-wrong', OP_ATTEMPTS - session.opAttempts));
    if (session.opAttempts >= OP_ATTEMPTS) session.quit('closed');
    return;
  }
  session.operator = true;
  log('operator', `${session.nick} from ${session.address}`);
  hub.say(notice('operator', [session.nick]));
}

/** /kick, /mute, /unmute: operators only; everybody sees what happened. */
function moderate(session: Session, command: Extract<Command, { kind: 'kick' | 'mute' | 'unmute' }>): void {
  const { hub, log } = session.context;
  if (!session.operator) return session.sendLine(errorNotice('not-operator'));
  const target = find(session, command.nick);
  if (!target) return;
  log(command.kind, `${target.nick} by ${session.nick}`);
  const notices = { kick: 'kicked', mute: 'muted', unmute: 'unmuted' } as const;
  hub.say(notice(notices[command.kind], [target.nick, session.nick], (command.kind === 'kick' && command.reason) || undefined));
  hub.moderate(target, command.kind);
}
