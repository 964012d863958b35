/** What an API client may be allowed to do. */
export const API_SCOPES = ['agenda.read', 'agenda.book', 'patients.read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];
