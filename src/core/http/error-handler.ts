/** Maps anything thrown during a request to one catalogue answer; never leaks a stack or a 500 for bad input. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorCode, type FieldIssue } from '../errors/catalogue.ts';
import { sqlState } from '../db/types.ts';
import { requestLocale } from './locale.ts';

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    field?: string;
    issues?: FieldIssue[];
    details?: Record<string, unknown>;
    requestId: string;
  };
}

export function errorBody(request: FastifyRequest, code: ErrorCode, extra: Omit<ErrorBody['error'], 'code' | 'message' | 'requestId'> = {}): ErrorBody {
  const def = ERRORS[code];
  return { error: { code, message: requestLocale(request) === 'en' ? def.en : def.fr, ...extra, requestId: String(request.id) } };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const { field, issues, details } = error.options;
  const retryAfter = details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.status(error.status).send(errorBody(request, error.code, { field, issues, details }));
}

function fromValidation(error: FastifyError): AppError {
  const context = (error as { validationContext?: string }).validationContext;
  const issues: FieldIssue[] = (error.validation ?? []).flatMap((v) => {
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const keys = (v.params as { keys?: unknown } | undefined)?.keys;
    // An unknown field is named itself, not its parent object.
    if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((k) => ({ field: [path, String(k)].filter(Boolean).join('.'), message: v.message ?? 'unknown field' }));
    }
    return [{ field: path || context || 'body', message: v.message ?? 'invalid' }];
  });
  return new AppError('validation_failed', { field: issues[0]?.field, issues });
}

/** Converts a thrown value to the AppError it stands for; unknown errors become internal_error. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe) || fe.validation) return fromValidation(fe);
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('body_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('invalid_json');
  }
  if (fe instanceof SyntaxError && fe.statusCode === 400) return new AppError('invalid_json');
  const state = sqlState(error);
  // Values the database refuses that validation let through: still the client's input, never a 500.
  // 22021/22P05: a byte or character the database cannot store; 22003/22009: a number or offset out of range.
  if (state && ['22P02', '22007', '22008', '22001', '22021', '22P05', '22003', '22009'].includes(state)) {
    return new AppError('validation_failed', { cause: error });
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(fe.statusCode === 404 ? 'route_not_found' : fe.statusCode === 415 ? 'unsupported_media_type' : 'validation_failed', { cause: error });
  }
  return new AppError('internal_error', { cause: error });
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('route_not_found')));
}
