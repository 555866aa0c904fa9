// Checked by `npm run typecheck`, not run: the translations are keyed on the
// protocol's own types, so a code without its sentence does not compile.
// Each expected error below fails the type check if that stops being true.
import { text, type Messages } from '../final/i18n.ts';

const { 'tls-required': _error, ...errorsLackingOne } = text.fr.errors;
const { split: _reason, ...reasonsLackingOne } = text.fr.reasons;
const { unmute: _help, ...helpLackingOne } = text.fr.help;

// @ts-expect-error an error code without its French sentence
export const missingError: Messages = { ...text.fr, errors: errorsLackingOne };
// @ts-expect-error a leave reason without its French words
export const missingReason: Messages = { ...text.fr, reasons: reasonsLackingOne };
// @ts-expect-error a command without its help
export const missingHelp: Messages = { ...text.fr, help: helpLackingOne };
