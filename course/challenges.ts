// The challenges after step 04: from the student's step 04 server to a server
// that passes the final chatroom's server checks, one fix at a time. Each one
// is a course/<id>-<name>/ folder: its texts, its checks (cumulative: the
// previous challenge's, plus its own, all picked from course/final/checks.ts),
// its starting code (the previous reference with TODO markers), and its
// reference, a single-file server in reference/server.ts.
import type { Step } from './index.ts';
import { checks as notices } from './05-notices/checks.ts';
import { exercise as noticesExercise } from './05-notices/exercise.ts';
import { checks as lines } from './06-lines/checks.ts';
import { exercise as linesExercise } from './06-lines/exercise.ts';
import { checks as nicknames } from './07-nicknames/checks.ts';
import { exercise as nicknamesExercise } from './07-nicknames/exercise.ts';
import { checks as commands } from './08-commands/checks.ts';
import { exercise as commandsExercise } from './08-commands/exercise.ts';
import { checks as renameQuit } from './09-rename-quit/checks.ts';
import { exercise as renameQuitExercise } from './09-rename-quit/exercise.ts';
import { checks as cleanText } from './10-clean-text/checks.ts';
import { exercise as cleanTextExercise } from './10-clean-text/exercise.ts';
import { checks as limits } from './11-limits/checks.ts';
import { exercise as limitsExercise } from './11-limits/exercise.ts';
import { checks as slowReader } from './12-slow-reader/checks.ts';
import { exercise as slowReaderExercise } from './12-slow-reader/exercise.ts';
import { checks as timeouts } from './13-timeouts/checks.ts';
import { exercise as timeoutsExercise } from './13-timeouts/exercise.ts';
import { checks as shutdown } from './14-shutdown/checks.ts';
import { exercise as shutdownExercise } from './14-shutdown/exercise.ts';

const challenge = (id: string, name: string, title: Step['title'], checks: Step['checks'], exercise: NonNullable<Step['exercise']>): Step => ({
  id,
  name: `${id}-${name}`,
  dir: `course/${id}-${name}/reference`,
  title,
  checks,
  // The server alone: a student's own folder may hold a client, or notes.
  exercise: { files: ['server.ts'], ...exercise },
  challenge: true,
});

export const challenges: Step[] = [
  challenge('05', 'notices', { en: 'Notices, and the server signs', fr: 'Des annonces, et le serveur signe' }, notices, noticesExercise),
  challenge('06', 'lines', { en: 'One message, one line', fr: 'Un message, une ligne' }, lines, linesExercise),
  challenge('07', 'nicknames', { en: 'One person, one nickname', fr: 'Une personne, un pseudo' }, nicknames, nicknamesExercise),
  challenge('08', 'commands', { en: 'Commands: /list, /me, /msg', fr: 'Des commandes : /list, /me, /msg' }, commands, commandsExercise),
  challenge('09', 'rename-quit', { en: '/nick and /quit', fr: '/nick et /quit' }, renameQuit, renameQuitExercise),
  challenge('10', 'clean-text', { en: 'Text that cannot harm a terminal', fr: 'Un texte sans danger pour le terminal' }, cleanText, cleanTextExercise),
  challenge('11', 'limits', { en: 'Nobody takes the whole room', fr: 'Personne ne prend tout le salon' }, limits, limitsExercise),
  challenge('12', 'slow-reader', { en: 'A client that stops reading', fr: 'Un client qui ne lit plus' }, slowReader, slowReaderExercise),
  challenge('13', 'timeouts', { en: 'Silence has a limit', fr: 'Le silence a une limite' }, timeouts, timeoutsExercise),
  challenge('14', 'shutdown', { en: 'A server for a class', fr: 'Un serveur pour une classe' }, shutdown, shutdownExercise),
];
