/**
 * What a request log line may say (DESIGN invariant 7): the method, the route PATTERN (never the URL: query
 * strings carry searched names, phone numbers and birth dates, and paths carry patients' link tokens), the
 * ids among the path parameters, and the status. Errors keep their type, code and stack, not the database's
 * `detail`, which quotes the values a constraint refused.
 */
import type { DestinationStream } from 'pino';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface LoggedRequest {
  method: string;
  id: string;
  routeOptions?: { url?: string };
  params?: unknown;
}

export function requestForLog(request: LoggedRequest): Record<string, unknown> {
  const ids = Object.fromEntries(
    Object.entries((request.params ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && UUID.test(e[1])),
  );
  return { method: request.method, route: request.routeOptions?.url ?? '(no route)', ...(Object.keys(ids).length ? { ids } : {}) };
}

export function errorForLog(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: 'non-error thrown' };
  const e = err as Error & { code?: unknown; statusCode?: unknown };
  return { type: e.name, message: e.message, code: e.code, statusCode: e.statusCode, stack: e.stack };
}

/** pino options for the HTTP server; `stream` (tests) receives the lines instead of stdout. */
export function loggerOptions(level: string, stream?: DestinationStream): Record<string, unknown> {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: requestForLog,
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: errorForLog,
    },
    // Belt and braces, should a header ever be logged.
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
  };
}
