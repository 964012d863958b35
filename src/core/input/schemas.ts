/**
 * Zod building blocks for request fields, shared by every feature: safe text and dates within a sane range.
 * The validator compiler (core/http/validator.ts) applies the same text rule to every string of every request,
 * so a field declared with a bare `z.string()` is protected too; `zText` states it where the field is declared.
 */
import { z } from 'zod';
import { unsafeTextReason } from './unsafe-text.ts';

/** Dates a person, an absence, a booking or a search may carry: nothing before 1900 or after 2100. */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2100-12-31';
const DATE_RANGE_MESSAGE = `Date hors de ${DATE_MIN.slice(0, 4)}–${DATE_MAX.slice(0, 4)} / date outside ${DATE_MIN.slice(0, 4)}–${DATE_MAX.slice(0, 4)}`;

/** A string without control characters, bidi overrides or lone surrogates (see unsafe-text.ts). */
export const zText = () =>
  z.string().check((ctx) => {
    const reason = unsafeTextReason(ctx.value);
    if (reason) ctx.issues.push({ code: 'custom', message: reason, input: ctx.value });
  });

function yearInRange(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  return year >= Number(DATE_MIN.slice(0, 4)) && year <= Number(DATE_MAX.slice(0, 4));
}

/** An instant with an explicit offset ('Z' or ±HH:MM), never a floating local time, within 1900–2100. */
export const zInstant = z.iso.datetime({ offset: true }).refine(yearInRange, { message: DATE_RANGE_MESSAGE });

/** A calendar date 'YYYY-MM-DD' within 1900–2100. */
export const zLocalDate = z.iso.date().refine(yearInRange, { message: DATE_RANGE_MESSAGE });
