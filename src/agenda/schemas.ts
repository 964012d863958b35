/** Request and response schemas of the agenda routes (zod), shared by routes and services. */
import { z } from 'zod';
import { zInstant, zLocalDate } from '../core/input/schemas.ts';

export const uuid = z.uuid();
/** An instant with an explicit offset ('Z' or ±HH:MM): never a floating local time; 1900–2100. */
export const instant = zInstant;
export const localDate = zLocalDate;
/** A local wall time 'HH:MM', 00:00–24:00. */
export const wallTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM attendu / HH:MM expected');
export const isoWeekday = z.int().min(1).max(7);
/** A comma-separated list in a query string. */
const splitList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
const csvUuids = z.string().transform(splitList).pipe(z.array(z.uuid()).min(1).max(200));
const csvWeekdays = z
  .string()
  .transform(splitList)
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^[1-7]$/)
          .transform(Number),
      )
      .min(1)
      .max(7),
  );
const queryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const practitionerParams = z.strictObject({ id: uuid });

// --- motifs ---------------------------------------------------------------------------------

const colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, '#rrggbb attendu / #rrggbb expected')
  .transform((c) => c.toLowerCase());

const motifFields = {
  label: z.string().trim().min(1).max(120),
  durationMinutes: z.int().min(5).max(720),
  colour,
  onlineBookable: z.boolean(),
  newPatientsAllowed: z.boolean(),
  patientInstructions: z.string().trim().max(2000).nullable(),
  minNoticeMinutes: z
    .int()
    .min(0)
    .max(60 * 24 * 60),
  horizonDays: z.int().min(1).max(730),
  active: z.boolean(),
};

export const motifCreateBody = z.strictObject({
  label: motifFields.label,
  durationMinutes: motifFields.durationMinutes,
  colour: motifFields.colour.optional(),
  onlineBookable: motifFields.onlineBookable.optional(),
  newPatientsAllowed: motifFields.newPatientsAllowed.optional(),
  patientInstructions: motifFields.patientInstructions.optional(),
  minNoticeMinutes: motifFields.minNoticeMinutes.optional(),
  horizonDays: motifFields.horizonDays.optional(),
  active: motifFields.active.optional(),
});
export type MotifCreate = z.infer<typeof motifCreateBody>;
export const motifPatchBody = motifCreateBody.partial();
export type MotifPatch = z.infer<typeof motifPatchBody>;
export const motifParams = z.strictObject({ id: uuid, motifId: uuid });

export const motifSchema = z.object({
  id: uuid,
  practitionerId: uuid,
  label: z.string(),
  durationMinutes: z.int(),
  colour: z.string(),
  onlineBookable: z.boolean(),
  newPatientsAllowed: z.boolean(),
  patientInstructions: z.string().nullable(),
  minNoticeMinutes: z.int(),
  horizonDays: z.int(),
  active: z.boolean(),
});
export type MotifDto = z.infer<typeof motifSchema>;

// --- opening ranges -------------------------------------------------------------------------

const rangeCommon = {
  practiceId: uuid.optional(),
  start: wallTime,
  end: wallTime,
  motifIds: z.array(uuid).min(1).max(50),
  urgent: z.boolean().optional(),
};
const endAfterStart = (r: { start: string; end: string }) => r.end > r.start;
const endMessage = { message: 'la fin doit suivre le début / end must be after start', path: ['end'] };

export const rangeBody = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('weekly'),
      weekday: isoWeekday,
      validFrom: localDate.nullable().optional(),
      validTo: localDate.nullable().optional(),
      ...rangeCommon,
    })
    .refine(endAfterStart, endMessage)
    .refine((r) => !r.validFrom || !r.validTo || r.validTo >= r.validFrom, {
      message: 'validTo avant validFrom / validTo before validFrom',
      path: ['validTo'],
    }),
  z.strictObject({ kind: z.literal('exceptional'), date: localDate, ...rangeCommon }).refine(endAfterStart, endMessage),
]);
export type RangeInput = z.infer<typeof rangeBody>;
export const rangeParams = z.strictObject({ id: uuid, rangeId: uuid });

export const rangeSchema = z.object({
  id: uuid,
  practitionerId: uuid,
  practiceId: uuid,
  kind: z.enum(['weekly', 'exceptional']),
  weekday: z.int().nullable(),
  date: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  urgent: z.boolean(),
  motifIds: z.array(uuid),
});
export type RangeDto = z.infer<typeof rangeSchema>;

export const settingsBody = z.strictObject({ stepMinutes: z.int().min(5).max(240).nullable() });
export const settingsSchema = z.object({ practitionerId: uuid, stepMinutes: z.int().nullable() });

// --- appointments ---------------------------------------------------------------------------

export const APPOINTMENT_STATUSES = ['booked', 'honoured', 'cancelled', 'no_show'] as const;
export const CHANNELS = ['phone', 'online', 'practitioner', 'desk'] as const;
export const CANCELLED_BY = ['patient', 'practitioner', 'secretariat'] as const;

const force = z.strictObject({ reason: z.string().trim().min(3).max(500) });

export const appointmentSchema = z.object({
  id: uuid,
  practiceId: uuid,
  practitionerId: uuid,
  patientId: uuid,
  motifId: uuid,
  start: z.string(),
  end: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  noShowExcused: z.boolean().nullable(),
  bookedBy: uuid.nullable(),
  channel: z.enum(CHANNELS),
  forcedReason: z.string().nullable(),
  history: z.array(z.object({ from: z.string(), to: z.string(), previousPractitionerId: uuid, practitionerId: uuid, at: z.string(), by: uuid.nullable() })),
  cancelledAt: z.string().nullable(),
  cancelledBy: uuid.nullable(),
  cancelledByKind: z.enum(CANCELLED_BY).nullable(),
  cancelReason: z.string().nullable(),
  seriesId: uuid.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AppointmentDto = z.infer<typeof appointmentSchema>;

export const appointmentListItem = appointmentSchema.extend({
  patientName: z.string(),
  motifLabel: z.string(),
  motifColour: z.string(),
});
export type AppointmentListItemDto = z.infer<typeof appointmentListItem>;

export const bookBody = z.strictObject({
  practitionerId: uuid,
  patientId: uuid,
  motifId: uuid,
  start: instant,
  practiceId: uuid.optional(),
  channel: z.enum(CHANNELS).optional(),
  force: force.optional(),
});
export type BookInput = z.infer<typeof bookBody>;

export const moveBody = z.strictObject({
  start: instant,
  practitionerId: uuid.optional(),
  motifId: uuid.optional(),
  force: force.optional(),
});
export type MoveInput = z.infer<typeof moveBody>;

export const cancelBody = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  by: z.enum(CANCELLED_BY),
});
export type CancelInput = z.infer<typeof cancelBody>;

export const outcomeBody = z
  .strictObject({ outcome: z.enum(['honoured', 'no_show']), excused: z.boolean().optional() })
  .refine((b) => b.outcome === 'no_show' || b.excused === undefined, {
    message: 'excused ne vaut que pour un lapin / excused applies to a no-show only',
    path: ['excused'],
  });
export type OutcomeInput = z.infer<typeof outcomeBody>;

export const appointmentParams = z.strictObject({ id: uuid });

export const appointmentListQuery = z
  .strictObject({
    practitionerId: uuid.optional(),
    patientId: uuid.optional(),
    from: instant.optional(),
    to: instant.optional(),
    includeCancelled: queryBool.optional(),
  })
  .refine((q) => (q.practitionerId === undefined) !== (q.patientId === undefined), {
    message: 'practitionerId ou patientId (un seul) / practitionerId or patientId (exactly one)',
    path: ['practitionerId'],
  })
  .refine((q) => q.patientId !== undefined || (q.from !== undefined && q.to !== undefined), {
    message: 'from et to sont requis avec practitionerId / from and to are required with practitionerId',
    path: ['from'],
  });
export type AppointmentListQuery = z.infer<typeof appointmentListQuery>;

// --- slots ----------------------------------------------------------------------------------

export const slotSchema = z.object({
  practitionerId: uuid,
  motifId: uuid,
  start: z.string(),
  end: z.string(),
  urgent: z.boolean(),
});
export type SlotDto = z.infer<typeof slotSchema>;

/** An instant, or a local date (read as that date's 00:00 in the practitioner's zone). */
export const instantOrDate = z.union([instant, localDate]);

export const slotsQuery = z.strictObject({
  motifId: uuid,
  from: instantOrDate,
  to: instantOrDate,
  includeUrgent: queryBool.optional(),
});

export const nextSlotsQuery = z.strictObject({
  practitionerIds: csvUuids,
  motifId: csvUuids,
  from: instantOrDate.optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  partOfDay: z.enum(['morning', 'afternoon']).optional(),
  weekdays: csvWeekdays.optional(),
  notBefore: localDate.optional(),
  horizonDays: z.coerce.number().int().min(1).max(366).optional(),
  includeUrgent: queryBool.optional(),
});
export type NextSlotsQuery = z.infer<typeof nextSlotsQuery>;

// --- series ---------------------------------------------------------------------------------

export const seriesBody = z.strictObject({
  practitionerId: uuid,
  patientId: uuid,
  motifId: uuid,
  /** The first occurrence; its local wall time is the default time of every occurrence. */
  start: instant,
  practiceId: uuid.optional(),
  channel: z.enum(CHANNELS).optional(),
  force: force.optional(),
  rule: z
    .strictObject({
      count: z.int().min(2).max(60),
      /** ISO weekdays the sessions fall on (e.g. [2, 5] = Tuesdays and Fridays). */
      weekdays: z.array(isoWeekday).min(1).max(7).optional(),
      /** Wall time per weekday, e.g. {"2": "10:00", "5": "17:30"}; default: the time of `start`. */
      times: z.record(z.enum(['1', '2', '3', '4', '5', '6', '7']), wallTime).optional(),
      /** Or: one session every N days at the time of `start`. */
      intervalDays: z.int().min(1).max(90).optional(),
    })
    .refine((r) => (r.weekdays === undefined) !== (r.intervalDays === undefined), {
      message: 'weekdays ou intervalDays (un seul) / weekdays or intervalDays (exactly one)',
      path: ['weekdays'],
    })
    .refine((r) => r.times === undefined || r.weekdays !== undefined, { message: 'times requiert weekdays / times requires weekdays', path: ['times'] }),
});
export type SeriesInput = z.infer<typeof seriesBody>;

export const seriesSchema = z.object({ seriesId: uuid, appointments: z.array(appointmentSchema) });

// --- absences -------------------------------------------------------------------------------

export const absenceBody = z
  .strictObject({
    start: instant,
    end: instant,
    reason: z.string().trim().max(500).optional(),
    /** Cancel the appointments the absence covers, in the same transaction. */
    cancelImpacted: z.boolean().optional(),
    /** The reason given to the patients; default: the absence's reason. */
    cancelReason: z.string().trim().min(1).max(500).optional(),
  })
  .refine((a) => Date.parse(a.end) > Date.parse(a.start), { message: 'la fin doit suivre le début / end must be after start', path: ['end'] })
  .refine((a) => !a.cancelImpacted || (a.cancelReason ?? a.reason ?? '').length > 0, {
    message: 'un motif d’annulation est requis / a cancellation reason is required',
    path: ['cancelReason'],
  });
export type AbsenceInput = z.infer<typeof absenceBody>;
export const absenceParams = z.strictObject({ id: uuid, absenceId: uuid });
export const absenceImpactQuery = z
  .strictObject({ start: instant, end: instant })
  .refine((a) => Date.parse(a.end) > Date.parse(a.start), { message: 'la fin doit suivre le début / end must be after start', path: ['end'] });
export const absencesQuery = z.strictObject({ from: instant.optional(), to: instant.optional() });

export const absenceSchema = z.object({
  id: uuid,
  practitionerId: uuid,
  start: z.string(),
  end: z.string(),
  reason: z.string().nullable(),
});
export type AbsenceDto = z.infer<typeof absenceSchema>;

export const absenceCreatedSchema = z.object({
  absence: absenceSchema,
  /** Appointments the absence covers (still booked unless cancelImpacted). */
  impacted: z.array(appointmentListItem),
  cancelled: z.boolean(),
});

// --- waitlist -------------------------------------------------------------------------------

export const waitlistBody = z
  .strictObject({
    patientId: uuid,
    practitionerId: uuid,
    motifId: uuid.optional(),
    from: instant,
    to: instant,
    note: z.string().trim().max(1000).optional(),
  })
  .refine((w) => Date.parse(w.to) > Date.parse(w.from), { message: 'la fin doit suivre le début / to must be after from', path: ['to'] });
export type WaitlistInput = z.infer<typeof waitlistBody>;

export const waitlistEntrySchema = z.object({
  id: uuid,
  position: z.int(),
  practiceId: uuid,
  patientId: uuid,
  patientName: z.string(),
  practitionerId: uuid,
  motifId: uuid.nullable(),
  from: z.string(),
  to: z.string(),
  note: z.string().nullable(),
  status: z.enum(['waiting', 'fulfilled', 'withdrawn']),
  createdAt: z.string(),
});
export type WaitlistEntryDto = z.infer<typeof waitlistEntrySchema>;

export const waitlistQuery = z
  .strictObject({ practitionerId: uuid.optional(), patientId: uuid.optional() })
  .refine((q) => q.practitionerId !== undefined || q.patientId !== undefined, {
    message: 'practitionerId ou patientId requis / practitionerId or patientId required',
    path: ['practitionerId'],
  });
export const waitlistMatchesQuery = z.strictObject({ appointmentId: uuid });
export const waitlistParams = z.strictObject({ id: uuid });

export const cancelResultSchema = z.object({ appointment: appointmentSchema, waitlistMatches: z.array(waitlistEntrySchema) });
export const moveResultSchema = cancelResultSchema;
