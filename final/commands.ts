/** What each command a joined client types does. */
import { checkNick } from './nick.ts';
import { COMMAND_USAGE, actionLine, errorNotice, notice, privateLine, publicLine, type Command } from './protocol.ts';
import type { Session } from './session.ts';

export function runCommand(session: Session, command: Command): void {
  const { room, log } = session.context;
  switch (command.kind) {
    case 'say':
      // An empty line says nothing: do not wake everybody up for it.
      if (command.text.trim() !== '') room.broadcast(publicLine(session.nick, command.text));
      return;
    case 'me':
      room.broadcast(actionLine(session.nick, command.text));
      return;
    case 'msg': {
      const to = checkNick(command.to);
      const target = to.ok ? room.find(to.key) : undefined;
      if (!target) {
        session.sendLine(errorNotice('no-such-nick', to.ok ? to.nick : command.to.slice(0, 32)));
        return;
      }
      const line = privateLine(session.nick, target.nick, command.text);
      target.deliver(Buffer.from(`${line}\n`));
      if (target !== session) session.sendLine(line); // the sender sees what it sent
      return;
    }
    case 'nick': {
      const check = checkNick(command.nick);
      if (!check.ok) return session.sendLine(errorNotice('nick-invalid'));
      if (check.nick === session.nick) return;
      if (check.key !== session.key && room.has(check.key)) return session.sendLine(errorNotice('nick-taken', check.nick));
      const old = { nick: session.nick, key: session.key };
      session.nick = check.nick;
      session.key = check.key;
      room.rekey(session, old.key);
      log('renamed', `${old.nick} to ${session.nick} from ${session.address}`);
      room.broadcast(notice('renamed', [old.nick, session.nick]));
      return;
    }
    case 'list':
      session.sendLine(notice('online', room.nicks()));
      return;
    case 'quit':
      session.quit('quit', command.reason);
      return;
    case 'help':
      for (const [name, usage] of Object.entries(COMMAND_USAGE)) session.sendLine(notice('help', [name], usage));
      return;
    case 'pong':
      return; // being alive was the point: the line itself reset the idle clock
    case 'usage':
      session.sendLine(errorNotice('usage', command.command));
      return;
    case 'op':
    case 'kick':
    case 'mute':
    case 'unmute':
    case 'unknown':
      session.sendLine(errorNotice('unknown-command', command.kind === 'unknown' ? command.command || '/' : command.kind));
      return;
  }
}
