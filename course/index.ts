// The course: its steps, in order, each with its folder and its checks.
// verify, the docs and the test suite all read this one list.
import type { Check } from '../checker/check.ts';
import type { Text } from '../checker/text.ts';
import { checks as socket } from './01-socket/checks.ts';
import { checks as broadcast } from './02-broadcast/checks.ts';
import { checks as nickHandshake } from './03-nick-handshake/checks.ts';
import { checks as threadsAsync } from './04-threads-async/checks.ts';
import { checks as finalChatroom } from './final/checks.ts';
import { checks as finalClass } from './final/class-checks.ts';
import { checks as finalHardening } from './final/hardening-checks.ts';
import { checks as finalIdentity } from './final/identity-checks.ts';
import type { Exercise } from './types.ts';
import { exercise as socketExercise } from './01-socket/exercise.ts';
import { exercise as broadcastExercise } from './02-broadcast/exercise.ts';
import { exercise as nickHandshakeExercise } from './03-nick-handshake/exercise.ts';
import { exercise as threadsAsyncExercise } from './04-threads-async/exercise.ts';
import { challenges } from './challenges.ts';

export interface Step {
  /** "01", "02"... as typed on the command line. */
  id: string;
  /** The reference implementation's folder. */
  dir: string;
  title: Text;
  checks: Check[];
  /**
   * The classroom exercise (`npm run exercise -- 02`): its starting code.
   * Its texts are course/<folder name>/{exercise,hint,solution}.{en,fr}.md.
   */
  exercise?: Exercise;
  /**
   * The folder name under course/ and exercises/ ("05-notices"), when the
   * reference is not in a folder so named (a challenge's is course/05-notices/reference).
   */
  name?: string;
  /** A challenge after the steps: server only, its checks picked from final's. */
  challenge?: boolean;
}

export const steps: Step[] = [
  { id: '01', dir: 'steps/01-socket', title: { en: 'A socket that listens', fr: 'Un socket qui écoute' }, checks: socket, exercise: socketExercise },
  {
    id: '02',
    dir: 'steps/02-broadcast',
    title: { en: 'Broadcast to every client', fr: 'Diffuser à tous les clients' },
    checks: broadcast,
    exercise: broadcastExercise,
  },
  {
    id: '03',
    dir: 'steps/03-nick-handshake',
    title: { en: 'The NICK handshake', fr: 'La poignée de main NICK' },
    checks: nickHandshake,
    exercise: nickHandshakeExercise,
  },
  {
    id: '04',
    dir: 'steps/04-threads-async',
    title: { en: 'Many clients, no threads', fr: 'Plusieurs clients, sans threads' },
    checks: threadsAsync,
    exercise: threadsAsyncExercise,
  },
  ...challenges,
  {
    id: 'final',
    dir: 'final',
    title: { en: 'The final chatroom', fr: 'Le salon final' },
    checks: [...finalChatroom, ...finalClass, ...finalHardening, ...finalIdentity],
  },
];

export function findStep(id: string): Step | undefined {
  return steps.find((step) => step.id === id || step.name === id || step.dir.endsWith(id) || step.dir.split('/').pop()?.startsWith(id));
}
