// The student's progress, in .progress.json at the repository's root
// (git-ignored): the exercise they work on, and how far each step got.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../checker/target.ts';

export const PROGRESS_FILE = path.join(ROOT, '.progress.json');

export interface StepProgress {
  /** Behaviours that passed at the last verify, out of `total` (skips not counted). */
  passed: number;
  total: number;
  /**
   * Every behaviour of the step passed, server and client, at one verify or
   * another: breaking the work later does not take it back.
   */
  done: boolean;
  /** The best verify so far, when it was better than the last one. */
  best?: { passed: number; total: number };
  /** When the last verify ran, or the exercise started (ISO date). */
  at: string;
  /** The side the last verify could not check, its program not given: the step is not done until it is. */
  unchecked?: 'server' | 'client';
}

export interface Progress {
  /** The step of the exercise started last: `npm run verify` checks it. */
  current?: string;
  steps: Record<string, StepProgress>;
}

export function loadProgress(file = PROGRESS_FILE): Progress {
  if (!existsSync(file)) return { steps: {} };
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Progress>;
    return { ...(data.current && { current: data.current }), steps: data.steps ?? {} };
  } catch {
    return { steps: {} }; // a file edited by hand into nonsense: start afresh
  }
}

export function saveProgress(progress: Progress, file = PROGRESS_FILE): void {
  writeFileSync(file, `${JSON.stringify(progress, null, 2)}\n`);
}

/** Change the progress file with `change`, and return the new progress. */
export function updateProgress(change: (progress: Progress) => void, file = PROGRESS_FILE): Progress {
  const progress = loadProgress(file);
  change(progress);
  saveProgress(progress, file);
  return progress;
}

/** An exercise started (or started again): it becomes the current one. */
export function markStarted(progress: Progress, stepId: string, at = new Date()): void {
  progress.current = stepId;
  progress.steps[stepId] ??= { passed: 0, total: 0, done: false, at: at.toISOString() };
}

/**
 * A verify ran: keep its score as the last one, and the best one so far.
 * `complete`: every behaviour of the step was checked (none skipped for want
 * of a server or a client) and passed.
 */
export function markVerified(
  progress: Progress,
  stepId: string,
  passed: number,
  total: number,
  complete: boolean,
  at = new Date(),
  unchecked?: 'server' | 'client',
): void {
  const before = progress.steps[stepId];
  const best = [before?.best, before && { passed: before.passed, total: before.total }, { passed, total }]
    .filter((score): score is { passed: number; total: number } => score !== undefined && score.total > 0)
    .reduce<{ passed: number; total: number } | undefined>((a, b) => (!a || b.passed / b.total > a.passed / a.total ? b : a), undefined);
  const done = (before?.done ?? false) || (complete && total > 0 && passed === total);
  const better = best && best.passed / best.total > (total ? passed / total : 0);
  progress.steps[stepId] = { passed, total, done, ...(better && { best }), at: at.toISOString(), ...(unchecked && { unchecked }) };
}

/** Forget a step, as if it had never been started. */
export function markReset(progress: Progress, stepId: string): void {
  delete progress.steps[stepId];
  if (progress.current === stepId) delete progress.current;
}
