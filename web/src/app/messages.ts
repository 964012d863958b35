/**
 * Every text of the web app, French first. The English dictionary must have exactly the same keys
 * (the compiler checks it); `{name}` marks a value filled in at run time.
 */
import { fr } from './messages-fr.ts';
import { en } from './messages-en.ts';

export type MessageKey = keyof typeof fr;
export type Locale = 'fr' | 'en';

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { fr, en };
