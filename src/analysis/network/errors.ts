// The one error the network analysis throws for input it cannot use: its text
// in both languages, and both in the message (the worker and the command
// line pass the message on). Apart from the engine so descriptors can throw it.
import type { LocalizedText } from '../../i18n/text';

export class NetworkInputError extends Error {
  constructor(readonly text: LocalizedText) {
    super(`${text.en} / ${text.zh}`);
    this.name = 'NetworkInputError';
  }
}
