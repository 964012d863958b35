/**
 * FHIR R4 use cases over the agenda and patients services (their scope, rules and audit apply unchanged):
 * Patient read, Appointment read/search/create, cancellation by status update. Searches refuse unknown
 * parameters and malformed dates (400) instead of ignoring them.
 */
import type { RequestContext } from '../../core/auth/actor.ts';
import type { Db } from '../../core/db/types.ts';
import { AppError } from '../../core/errors/catalogue.ts';
import type { Clock } from '../../core/time/clock.ts';
import { DAY_MS } from '../../core/time/local-time.ts';
import { book, cancel, getAppointment } from '../../agenda/booking-service.ts';
import { listAppointments } from '../../agenda/appointment-list-service.ts';
import { getPatient } from '../../patients/service.ts';
import { appointmentResource, MOTIF_SYSTEM, patientResource } from './resources.ts';

export class FhirInvalid extends Error {
  constructor(
    readonly diagnostics: string,
    readonly expression?: string,
    readonly code = 'invalid',
  ) {
    super(diagnostics);
  }
}

export async function readPatient(db: Db, ctx: RequestContext, id: string) {
  return patientResource(await getPatient(db, ctx, id));
}

export async function readAppointment(db: Db, ctx: RequestContext, id: string) {
  return appointmentResource(await getAppointment(db, ctx, id));
}

const SEARCH_PARAMS = new Set(['patient', 'practitioner', 'date', '_count']);
const DATE = /^(eq|ge|gt|le|lt)?(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)$/;
const ref = (value: string, type: string) => value.replace(new RegExp(`^${type}/`), '');

export async function searchAppointments(db: Db, ctx: RequestContext, o: { params: Record<string, string | string[] | undefined>; clock: Clock }) {
  for (const name of Object.keys(o.params)) {
    if (!SEARCH_PARAMS.has(name)) throw new FhirInvalid(`Unknown search parameter: ${name}`, name, 'not-supported');
  }
  const one = (name: string) => {
    const v = o.params[name];
    return Array.isArray(v) ? v[0] : v;
  };
  let from: number | undefined;
  let to: number | undefined;
  const dates = ([] as (string | undefined)[]).concat(o.params['date']).filter((d): d is string => d !== undefined);
  for (const d of dates) {
    const m = DATE.exec(d);
    const at = m ? Date.parse(m[2]!.length === 10 ? `${m[2]}T00:00:00Z` : m[2]!) : NaN;
    if (!m || Number.isNaN(at)) throw new FhirInvalid(`Malformed date: ${d}`, 'date');
    const prefix = m[1] ?? 'eq';
    if (prefix === 'ge' || prefix === 'gt') from = at;
    else if (prefix === 'le' || prefix === 'lt') to = at;
    else {
      from = at;
      to = at + DAY_MS;
    }
  }
  const patient = one('patient');
  const practitioner = one('practitioner');
  if (!patient && !practitioner) throw new FhirInvalid('patient or practitioner is required', 'patient', 'required');
  const now = o.clock.nowMs();
  const items = practitioner
    ? await listAppointments(db, ctx, {
        practitionerId: ref(practitioner, 'Practitioner'),
        from: new Date(from ?? now - 30 * DAY_MS).toISOString(),
        to: new Date(to ?? (from ?? now) + 90 * DAY_MS).toISOString(),
        includeCancelled: true,
      })
    : await listAppointments(db, ctx, {
        patientId: ref(patient!, 'Patient'),
        ...(from !== undefined ? { from: new Date(from).toISOString() } : {}),
        ...(to !== undefined ? { to: new Date(to).toISOString() } : {}),
        includeCancelled: true,
      });
  const patientId = patient ? ref(patient, 'Patient') : null;
  return items.filter((a) => !patientId || a.patientId === patientId).map(appointmentResource);
}

interface AppointmentInput {
  resourceType?: unknown;
  status?: unknown;
  start?: unknown;
  participant?: { actor?: { reference?: unknown } }[];
  appointmentType?: { coding?: { system?: unknown; code?: unknown }[] };
}

function participant(body: AppointmentInput, type: string): string {
  const r = (body.participant ?? []).map((p) => p.actor?.reference).find((x): x is string => typeof x === 'string' && x.startsWith(`${type}/`));
  if (!r) throw new FhirInvalid(`A participant ${type}/… is required`, 'Appointment.participant', 'required');
  return r.slice(type.length + 1);
}

/** Books through the agenda's service: its rules, the exclusion constraint, its event and audit. */
export async function createAppointment(db: Db, ctx: RequestContext, body: AppointmentInput) {
  if (body.resourceType !== 'Appointment') throw new FhirInvalid('resourceType must be Appointment', 'resourceType');
  if (body.status !== undefined && body.status !== 'booked') throw new FhirInvalid('Only status booked can be created', 'Appointment.status', 'not-supported');
  if (typeof body.start !== 'string' || Number.isNaN(Date.parse(body.start)))
    throw new FhirInvalid('start (instant) is required', 'Appointment.start', 'required');
  const motifId = body.appointmentType?.coding?.find((c) => c.system === MOTIF_SYSTEM)?.code;
  if (typeof motifId !== 'string')
    throw new FhirInvalid(`appointmentType with a ${MOTIF_SYSTEM} coding is required`, 'Appointment.appointmentType', 'required');
  const { appointment } = await book(db, ctx, {
    practitionerId: participant(body, 'Practitioner'),
    patientId: participant(body, 'Patient'),
    motifId,
    start: new Date(body.start).toISOString(),
    channel: 'desk',
  });
  return appointmentResource(appointment);
}

/** PUT with status cancelled cancels; any other change is not supported. */
export async function updateAppointment(db: Db, ctx: RequestContext, id: string, body: AppointmentInput & { cancelationReason?: { text?: unknown } }) {
  if (body.resourceType !== 'Appointment') throw new FhirInvalid('resourceType must be Appointment', 'resourceType');
  if (body.status !== 'cancelled') throw new AppError('unprocessable', { details: { reason: 'only status cancelled is supported' } });
  const reason =
    typeof body.cancelationReason?.text === 'string' && body.cancelationReason.text.trim()
      ? body.cancelationReason.text.trim().slice(0, 500)
      : 'Annulé par un logiciel partenaire';
  const { appointment } = await cancel(db, ctx, id, { reason, by: 'secretariat' });
  return appointmentResource(appointment);
}
