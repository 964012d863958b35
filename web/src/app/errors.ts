/** What the user reads when a request fails: the server's own message for its stable code, else ours. */
import { ApiError, NETWORK_ERROR } from './api.ts';
import type { Translate } from './i18n.tsx';

export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return t('error.network');
    const detail = error.issues.length ? ` (${error.issues.map((i) => i.field).join(', ')})` : '';
    if (error.message) return error.message + detail;
    return t('error.unknown', { code: error.code });
  }
  return t('error.unknown', { code: 'client' });
}

/** True for an API error with this code. */
export function isApiError(error: unknown, code: string): error is ApiError {
  return error instanceof ApiError && error.code === code;
}
