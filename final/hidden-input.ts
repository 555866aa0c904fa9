/**
 * Typing a password without showing it. readline has no option for that:
 * what it echoes goes through its internal `_writeToOutput` method, which we
 * wrap. This file is the only place that touches readline's internals; if a
 * Node version renames the method, input is shown again rather than broken.
 */
import type readline from 'node:readline';

interface Echoing {
  _writeToOutput?: (text: string) => void;
}

/** Control the echo of `keyboard`: while hidden, only `prompt` (and line breaks) are shown. */
export function hiddenInput(keyboard: readline.Interface, prompt: string): { hide(on: boolean): void } {
  let hidden = false;
  const echoing = keyboard as unknown as Echoing; // the internal method, not in Node's types
  const echo = echoing._writeToOutput?.bind(keyboard);
  if (echo) {
    echoing._writeToOutput = (written) => echo(!hidden ? written : written.includes(prompt) ? prompt : written.replace(/[^\r\n]/g, ''));
  }
  return {
    hide(on) {
      hidden = on;
    },
  };
}
