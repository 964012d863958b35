/** French first: English only when the user or the request asks for it. */
import type { FastifyRequest } from 'fastify';

export type Locale = 'fr' | 'en';

export function requestLocale(request: FastifyRequest): Locale {
  const userLocale = request.actor?.locale;
  if (userLocale) return userLocale;
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'fr';
}
