/** The shapes GET /api/practices/:id/activity accepts and answers. */
import { z } from 'zod';

export const zActivityParams = z.object({ id: z.guid() });
export const zActivityQuery = z.strictObject({
  /** The calendar month, in the practice's time zone. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'AAAA-MM attendu / YYYY-MM expected'),
  /** One practitioner's appointments, messages and waitlist; a practitioner always gets his own. */
  practitionerId: z.guid().optional(),
});
export type ActivityQuery = z.output<typeof zActivityQuery>;

const count = z.int().min(0);

export const zActivityReport = z.object({
  practiceId: z.string(),
  practitionerId: z.string().nullable(),
  month: z.string(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  /** The practice's line (calls are the practice's, not one practitioner's); figures as GET /api/calls/metrics computes them. */
  calls: z.object({
    offered: count,
    answered: count,
    abandoned: count,
    shortAbandoned: count,
    closed: count,
    voicemails: count,
    averageWaitSeconds: z.number().nullable(),
    serviceLevel: z.number().nullable(),
  }),
  appointments: z.object({
    /** By who booked: the secretariat (phone), the patient (online), the practitioner, the front desk. */
    booked: z.object({ total: count, secretariat: count, patient: count, practitioner: count, desk: count }),
    moved: count,
    cancelled: z.object({ total: count, patient: count, practitioner: count, secretariat: count }),
    honoured: count,
    noShows: count,
    noShowsExcused: count,
  }),
  messages: z.object({ total: count, urgent: count, task: count, dated_task: count, home_visit: count, information: count }),
  waitlist: z.object({ offered: count, refilled: count }),
});
export type ActivityReport = z.infer<typeof zActivityReport>;
