/** The API's errors beside the field at fault: the server names the field (dotted path) and says why, in French. */
import { ApiError } from '../app/api.ts';

/** Messages by top-level field name ("practiceIds.2" is shown on "practiceIds"). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.field.split('.')[0] ?? issue.field;
    out[key] ??= issue.message;
  }
  if (error.field) {
    const key = error.field.split('.')[0] ?? error.field;
    out[key] ??= error.message;
  }
  return out;
}

/** True when the error is shown beside a field, so the form need not repeat it above. */
export function isFieldError(error: unknown): boolean {
  return Object.keys(fieldErrors(error)).length > 0;
}
