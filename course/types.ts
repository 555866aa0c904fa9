// How an exercise's starting code is made: a folder of working code (the
// previous step, or a skeleton for the first one) plus TODO markers, written
// in the student's language at lines found by their text. A marker whose line
// no longer exists fails the course's own tests (tests/course.test.ts).
import type { Text } from '../checker/text.ts';

export interface Todo {
  /** The file to mark, in the `from` folder: "server.ts". */
  file: string;
  /** Put the marker just before, or just after, the one line whose text (spaces around it aside) is this. */
  before?: string;
  after?: string;
  /** What to do there, as the TODO comment says it. */
  text: Text;
}

export interface Exercise {
  /** The folder copied as the starting code, from the repository's root. */
  from: string;
  /** Only these files of `from` (a challenge starts from a step's server.ts alone); all by default. */
  files?: string[];
  todos: Todo[];
}
