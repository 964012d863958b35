/**
 * The fuzz test's tools: a plausible value for any JSON schema of the OpenAPI document, and the hostile
 * values each kind of field is tried with (malformed, wrong types, NUL and bidi characters, 100 kB strings,
 * huge numbers, impossible and DST-gap dates, unknown and missing fields, bad ids).
 */
import { randomUUID } from 'node:crypto';

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  minLength?: number;
  minimum?: number;
  minItems?: number;
  nullable?: boolean;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** Real ids of the fuzz world, looked up by field or parameter name. */
export type KnownIds = Record<string, string>;

const soon = () => new Date(Date.now() + 3 * 86_400_000);

/** A value the schema plausibly accepts, real ids where the name says which one. */
export function sample(schema: JsonSchema | undefined, name: string, ids: KnownIds): unknown {
  if (!schema) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.examples?.length) return schema.examples[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return sample(alternatives.find((a) => a.type !== 'null') ?? alternatives[0], name, ids);
  if (schema.allOf?.length) return sample(schema.allOf[0], name, ids);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return sampleString(schema, name, ids);
    case 'integer':
    case 'number':
      return schema.default ?? Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => sample(schema.items, name.replace(/s$/, ''), ids));
    case 'object':
    default: {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {})) out[key] = sample(sub, key, ids);
      return out;
    }
  }
}

function sampleString(schema: JsonSchema, name: string, ids: KnownIds): string {
  if (schema.format === 'uuid' || /Id$/.test(name)) return ids[name] ?? randomUUID();
  if (schema.format === 'date-time') return soon().toISOString();
  if (schema.format === 'date') return soon().toISOString().slice(0, 10);
  if (schema.format === 'email' || /email/i.test(name)) return `fuzz-${randomUUID().slice(0, 8)}@example.fr`;
  if (/phone|number|e164/i.test(name)) return '+33612345678';
  if (schema.pattern?.includes('[01]\\d|2[0-3]')) return '09:00';
  return 'Texte ordinaire'.padEnd(schema.minLength ?? 0, 'x');
}

const NUL = 'abc\u0000def';
const RTL = 'Dupont\u202Egnp.exe';
const BIG = 'é'.repeat(100_000);

/** Hostile values for one field, chosen for what the field holds. */
export function hostileValues(schema: JsonSchema | undefined): unknown[] {
  const common: unknown[] = [NUL, RTL, BIG, null, {}, 1e308, '\uD800'];
  const type = schema && (Array.isArray(schema.type) ? schema.type[0] : schema.type);
  if (schema?.format === 'date-time' || schema?.format === 'date') {
    // Impossible, out of range, and a Paris wall time that does not exist (spring-forward gap) without offset.
    return [...common, '2026-02-30', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-03-29T02:30:00'];
  }
  if (type === 'integer' || type === 'number') return [...common, 2 ** 53 + 1, 1.5, '12'];
  return common;
}

/** Hostile values for a query string or path parameter (always text on the wire). */
export const HOSTILE_PARAMS = [
  '%00abc',
  '%E2%80%AEabc',
  'x'.repeat(5000),
  '9999-12-31',
  '0001-01-01T00:00:00Z',
  '2026-02-30',
  '1e400',
  '..%2F..%2Fetc',
  '%F0%28%8C%BC',
];

/** Hostile raw bodies for an operation that takes JSON. */
export const HOSTILE_BODIES = ['{"a":', '[]', 'null', '"texte"', '{}', '{"__proto__":{"admin":true}}', '\u0000', '{"a":1e99999}'];
