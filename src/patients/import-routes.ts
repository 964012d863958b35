/** POST /api/practices/:id/patient-imports: dry run or all-or-nothing import of a patients CSV. Thin. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../core/db/types.ts';
import { authorize } from '../core/auth/guard.ts';
import type { Clock } from '../core/time/clock.ts';
import { IMPORT_FIELDS } from './import-csv.ts';
import { importPatients } from './import-service.ts';

const body = z.strictObject({
  /** The file's bytes, base64-encoded (UTF-8 with or without BOM, or Windows-1252). */
  content: z.base64().max(1_300_000),
  /** Patient field → column header; guessed from the headers when absent. */
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200)).optional(),
  dryRun: z.boolean(),
});

const report = z.object({
  encoding: z.string(),
  delimiter: z.string(),
  headers: z.array(z.string()),
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.string()),
  rows: z.int(),
  created: z.array(z.int()),
  duplicates: z.array(z.object({ line: z.int(), existingPatientId: z.string().nullable(), sameAsLine: z.int().nullable() })),
  errors: z.array(z.object({ line: z.int(), field: z.string(), message: z.string() })),
  committed: z.boolean(),
});
export type PatientImportReport = z.infer<typeof report>;

export function patientImportRoutes(db: Db, clock: Clock): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/practices/:id/patient-imports',
      {
        schema: {
          tags: ['patients'],
          summary: 'Importer des patients (CSV) : essai à blanc, puis import tout ou rien / Import patients from CSV: dry run, then all or nothing',
          params: z.object({ id: z.guid() }),
          body,
          response: { 200: report },
        },
      },
      async (request) =>
        importPatients(db, authorize(request, 'practice.write'), {
          practiceId: request.params.id,
          content: Buffer.from(request.body.content, 'base64'),
          mapping: request.body.mapping,
          dryRun: request.body.dryRun,
          currentYear: clock.now().getUTCFullYear(),
        }),
    );
  };
}
