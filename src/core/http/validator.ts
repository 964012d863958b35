/**
 * The validator every route uses: zod's, after a walk that refuses unsafe text (control characters, bidi
 * overrides, lone surrogates) anywhere in the body, query string or path parameters, naming the field.
 * One rule for every text field, present and future, instead of a check per route.
 */
import type { FastifySchemaCompiler } from 'fastify';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { findUnsafeInput } from '../input/unsafe-text.ts';

export const safeValidatorCompiler: FastifySchemaCompiler<ZodType> = (route) => {
  const validate = validatorCompiler(route);
  return (data: unknown) => {
    const issues = findUnsafeInput(data);
    if (issues.length === 0) return validate(data);
    const error: FastifySchemaValidationError[] = issues.map((i) => ({
      keyword: 'unsafe_text',
      instancePath: `/${i.path.join('/')}`,
      schemaPath: '#/unsafe_text',
      params: {},
      message: i.message,
    }));
    return { error };
  };
};
