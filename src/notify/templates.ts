/**
 * The texts Relais sends, French first (English available), as an SMS and as an email. Pure.
 * An SMS carries no health data (DESIGN invariant 7): the render data holds no motif at all, and every
 * free text that reaches an SMS goes through smsSafe (a practice or access note naming a specialty is
 * left out). Dates and times are the practice's wall time (Intl with its zone).
 */
import { formatWhen, type Locale } from './format.ts';
import { smsSafe } from './sensitive.ts';

export const PATIENT_TEMPLATES = [
  'appointment_confirmation',
  'appointment_change',
  'appointment_cancellation',
  'appointment_cancellation_absence',
  'appointment_reminder',
  'waitlist_offer',
  'waitlist_refusal',
] as const;
export const STAFF_TEMPLATES = ['message_new', 'message_renotify', 'message_escalation'] as const;
export type PatientTemplate = (typeof PATIENT_TEMPLATES)[number];
export type StaffTemplate = (typeof STAFF_TEMPLATES)[number];
export type TemplateName = PatientTemplate | StaffTemplate;

export interface PlaceView {
  practiceName: string;
  phone: string | null;
  /** "12 rue des Lilas, 75011 Paris" */
  address: string | null;
  floor: string | null;
  digicode: string | null;
  parking: string | null;
  transport: string | null;
  accessNotes: string | null;
}

export interface PersonView {
  title: string | null;
  firstName: string;
  lastName: string;
}

export interface AppointmentView {
  locale: Locale;
  zone: string;
  place: PlaceView;
  practitioner: PersonView;
  patient: PersonView;
  /** Epoch ms. */
  start: number;
  previousStart?: number | null;
  /** Sessions of a series booked together (confirmation only). */
  seriesCount?: number | null;
  /** The signed link to confirm, cancel or move; to accept an offer. */
  link?: string | null;
  /** Last instant a change through the link is accepted. */
  changeDeadline?: number | null;
  /** Waitlist offer: open until. */
  offerExpiresAt?: number | null;
  now?: number;
}

export interface MessageView {
  locale: Locale;
  zone: string;
  practiceName: string;
  practitioner: PersonView;
  messageType: 'urgent' | 'task' | 'dated_task' | 'home_visit' | 'information';
  createdAt: number;
  callbackNumber: string | null;
  /** Where to read (and acknowledge) it. */
  link: string;
  /** Escalation: for whom, and for how long it has waited. */
  contactName?: string | null;
  minutesWaiting?: number | null;
  now?: number;
}

export interface Rendered {
  sms: string;
  email: { subject: string; text: string };
}

const t = (locale: Locale, fr: string, en: string) => (locale === 'fr' ? fr : en);

function person(p: PersonView): string {
  return [p.title, p.firstName, p.lastName].filter(Boolean).join(' ');
}

function when(v: { locale: Locale; zone: string; now?: number }, instant: number): string {
  // The renderer always gives `now`; without it the year is left out, as within the current year.
  return formatWhen({ locale: v.locale, zone: v.zone, now: v.now ?? instant }, instant);
}

/** Name and address in an SMS: the practice name only when it names no specialty. */
function smsPlace(p: PlaceView): string {
  return [smsSafe(p.practiceName), smsSafe(p.address)].filter(Boolean).join(', ');
}

function smsAccess(locale: Locale, p: PlaceView): string {
  const parts = [smsSafe(p.floor), p.digicode ? t(locale, `code ${p.digicode}`, `door code ${p.digicode}`) : null].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function emailPlace(locale: Locale, p: PlaceView): string[] {
  const lines = [t(locale, 'Adresse', 'Address') + ` : ${[p.practiceName, p.address].filter(Boolean).join(', ')}`];
  const access = [
    p.floor && t(locale, `étage : ${p.floor}`, `floor: ${p.floor}`),
    p.digicode && t(locale, `code d'accès : ${p.digicode}`, `door code: ${p.digicode}`),
    p.parking && t(locale, `stationnement : ${p.parking}`, `parking: ${p.parking}`),
    p.transport && t(locale, `transports : ${p.transport}`, `public transport: ${p.transport}`),
    p.accessNotes,
  ].filter(Boolean);
  if (access.length) lines.push(t(locale, 'Accès', 'Access') + ` : ${access.join(' ; ')}`);
  if (p.phone) lines.push(t(locale, `Téléphone du cabinet : ${p.phone}`, `Practice phone: ${p.phone}`));
  return lines;
}

function footer(locale: Locale): string {
  return t(locale, 'Message automatique, merci de ne pas y répondre.', 'Automatic message, please do not reply.');
}

function linkLine(v: AppointmentView): string[] {
  if (!v.link) return [];
  const until = v.changeDeadline ? t(v.locale, ` (jusqu'au ${when(v, v.changeDeadline)})`, ` (until ${when(v, v.changeDeadline)})`) : '';
  return [t(v.locale, `Confirmer, annuler ou déplacer ce rendez-vous${until} : ${v.link}`, `Confirm, cancel or move this appointment${until}: ${v.link}`)];
}

function smsLink(v: AppointmentView): string {
  return v.link ? t(v.locale, ` Confirmer, annuler ou déplacer : ${v.link}`, ` Confirm, cancel or move: ${v.link}`) : '';
}

function email(v: { locale: Locale }, subject: string, greeting: string, body: string[]): Rendered['email'] {
  return { subject, text: [greeting, '', ...body, '', footer(v.locale)].join('\n') };
}

function greet(v: AppointmentView): string {
  return t(v.locale, `Bonjour ${v.patient.firstName} ${v.patient.lastName},`, `Dear ${v.patient.firstName} ${v.patient.lastName},`);
}

function smsHello(v: AppointmentView): string {
  return t(v.locale, `Bonjour ${v.patient.firstName}, `, `Hello ${v.patient.firstName}, `);
}

export function renderPatient(template: PatientTemplate, v: AppointmentView): Rendered {
  const { locale: l } = v;
  const dr = person(v.practitioner);
  const at = when(v, v.start);
  const place = smsPlace(v.place);
  const access = smsAccess(l, v.place);
  switch (template) {
    case 'appointment_confirmation': {
      const series = v.seriesCount && v.seriesCount > 1 ? v.seriesCount - 1 : 0;
      const more = series
        ? t(l, ` (et ${series} autre${series > 1 ? 's' : ''} séance${series > 1 ? 's' : ''})`, ` (and ${series} more session${series > 1 ? 's' : ''})`)
        : '';
      return {
        sms:
          smsHello(v) +
          t(
            l,
            `votre RDV avec ${dr} est confirmé le ${at}${more}. ${place}${access}.`,
            `your appointment with ${dr} is confirmed on ${at}${more}. ${place}${access}.`,
          ) +
          smsLink(v),
        email: email(v, t(l, `Rendez-vous confirmé le ${at}`, `Appointment confirmed on ${at}`), greet(v), [
          t(l, `Votre rendez-vous avec ${dr} est confirmé le ${at}${more}.`, `Your appointment with ${dr} is confirmed on ${at}${more}.`),
          '',
          ...emailPlace(l, v.place),
          '',
          ...linkLine(v),
        ]),
      };
    }
    case 'appointment_change': {
      const before = v.previousStart ? t(l, ` (au lieu du ${when(v, v.previousStart)})`, ` (instead of ${when(v, v.previousStart)})`) : '';
      return {
        sms:
          smsHello(v) +
          t(
            l,
            `votre RDV avec ${dr} est déplacé au ${at}${before}. ${place}${access}.`,
            `your appointment with ${dr} is moved to ${at}${before}. ${place}${access}.`,
          ) +
          smsLink(v),
        email: email(v, t(l, `Rendez-vous déplacé au ${at}`, `Appointment moved to ${at}`), greet(v), [
          t(l, `Votre rendez-vous avec ${dr} est déplacé au ${at}${before}.`, `Your appointment with ${dr} is moved to ${at}${before}.`),
          '',
          ...emailPlace(l, v.place),
          '',
          ...linkLine(v),
        ]),
      };
    }
    case 'appointment_cancellation':
    case 'appointment_cancellation_absence': {
      const why = template === 'appointment_cancellation_absence' ? t(l, ' en raison d’une absence du praticien', ' because the practitioner is absent') : '';
      const call = v.place.phone ? t(l, ` Pour un nouveau RDV : ${v.place.phone}.`, ` To book again: ${v.place.phone}.`) : '';
      return {
        sms: smsHello(v) + t(l, `votre RDV du ${at} avec ${dr} est annulé${why}.`, `your appointment of ${at} with ${dr} is cancelled${why}.`) + call,
        email: email(v, t(l, `Rendez-vous du ${at} annulé`, `Appointment of ${at} cancelled`), greet(v), [
          t(l, `Votre rendez-vous du ${at} avec ${dr} est annulé${why}.`, `Your appointment of ${at} with ${dr} is cancelled${why}.`),
          ...(v.place.phone
            ? ['', t(l, `Pour reprendre rendez-vous, appelez le cabinet au ${v.place.phone}.`, `To book again, call the practice on ${v.place.phone}.`)]
            : []),
        ]),
      };
    }
    case 'appointment_reminder':
      return {
        sms: t(l, `Rappel : RDV le ${at} avec ${dr}. ${place}${access}.`, `Reminder: appointment on ${at} with ${dr}. ${place}${access}.`) + smsLink(v),
        email: email(v, t(l, `Rappel : rendez-vous le ${at}`, `Reminder: appointment on ${at}`), greet(v), [
          t(l, `Nous vous rappelons votre rendez-vous avec ${dr} le ${at}.`, `This is a reminder of your appointment with ${dr} on ${at}.`),
          '',
          ...emailPlace(l, v.place),
          '',
          ...linkLine(v),
        ]),
      };
    case 'waitlist_offer': {
      const until = v.offerExpiresAt ? t(l, ` Offre valable jusqu'au ${when(v, v.offerExpiresAt)}.`, ` Offer open until ${when(v, v.offerExpiresAt)}.`) : '';
      const link = v.link ?? '';
      return {
        sms:
          smsHello(v) +
          t(
            l,
            `un créneau s'est libéré le ${at} avec ${dr}, ${place}. Le premier patient qui accepte l'obtient : ${link}.${until}`,
            `a slot has opened on ${at} with ${dr}, ${place}. The first patient to accept gets it: ${link}.${until}`,
          ),
        email: email(v, t(l, `Un créneau s'est libéré le ${at}`, `A slot has opened on ${at}`), greet(v), [
          t(l, `Vous êtes sur la liste d'attente de ${dr}. Un créneau s'est libéré le ${at}.`, `You are on ${dr}'s waiting list. A slot has opened on ${at}.`),
          t(l, `Il revient au premier patient qui l'accepte.${until}`, `It goes to the first patient who accepts it.${until}`),
          '',
          t(l, `Accepter ou refuser : ${link}`, `Accept or decline: ${link}`),
          '',
          ...emailPlace(l, v.place),
        ]),
      };
    }
    case 'waitlist_refusal':
      return {
        sms:
          smsHello(v) +
          t(
            l,
            `merci de votre réponse. Le créneau du ${at} avec ${dr} vient malheureusement d'être attribué. Vous restez sur la liste d'attente.`,
            `thank you for answering. The slot of ${at} with ${dr} has unfortunately just been taken. You stay on the waiting list.`,
          ),
        email: email(v, t(l, `Créneau du ${at} déjà attribué`, `Slot of ${at} already taken`), greet(v), [
          t(
            l,
            `Merci de votre réponse rapide. Le créneau du ${at} avec ${dr} vient malheureusement d'être attribué à un autre patient.`,
            `Thank you for your quick answer. The slot of ${at} with ${dr} has unfortunately just gone to another patient.`,
          ),
          t(
            l,
            `Vous restez sur la liste d'attente : nous vous préviendrons dès qu'un autre créneau se libère.`,
            `You stay on the waiting list: we will tell you as soon as another slot opens.`,
          ),
        ]),
      };
  }
}

const TYPE_LABELS: Record<MessageView['messageType'], { fr: string; en: string }> = {
  urgent: { fr: 'URGENT', en: 'URGENT' },
  task: { fr: 'tâche', en: 'task' },
  dated_task: { fr: 'tâche datée', en: 'dated task' },
  home_visit: { fr: 'demande de visite à domicile', en: 'home-visit request' },
  information: { fr: 'information', en: 'information' },
};

/**
 * To practitioners and escalation contacts: the message's kind and a link to read it in Relais, never
 * its text nor the patient (the SMS and email travel outside the platform).
 */
export function renderStaff(template: StaffTemplate, v: MessageView): Rendered {
  const { locale: l } = v;
  const kind = TYPE_LABELS[v.messageType][l];
  const dr = person(v.practitioner);
  // The practice's name travels only when it names no specialty, by SMS and by email alike.
  const practice = smsSafe(v.practiceName);
  const from = practice ? ` (${practice})` : '';
  const titled = practice ? ` — ${practice}` : '';
  const callback = v.callbackNumber ? t(l, ` Rappeler : ${v.callbackNumber}.`, ` Call back: ${v.callbackNumber}.`) : '';
  const since = when(v, v.createdAt);
  switch (template) {
    case 'message_new':
      return {
        sms: t(
          l,
          `Relais : nouveau message (${kind}) de votre secrétariat${from}.${callback} Lire : ${v.link}`,
          `Relais: new message (${kind}) from your secretariat${from}.${callback} Read: ${v.link}`,
        ),
        email: email(v, t(l, `Nouveau message (${kind})${titled}`, `New message (${kind})${titled}`), t(l, `Bonjour ${dr},`, `Dear ${dr},`), [
          t(l, `Votre secrétariat vous a laissé un message (${kind}) le ${since}.`, `Your secretariat left you a message (${kind}) on ${since}.`),
          ...(v.callbackNumber ? [t(l, `Numéro à rappeler : ${v.callbackNumber}`, `Number to call back: ${v.callbackNumber}`)] : []),
          '',
          t(l, `Le lire dans Relais : ${v.link}`, `Read it in Relais: ${v.link}`),
        ]),
      };
    case 'message_renotify':
      return {
        sms: t(
          l,
          `Relais : message URGENT non lu depuis le ${since}${from}.${callback} Accuser réception : ${v.link}`,
          `Relais: URGENT message unread since ${since}${from}.${callback} Acknowledge: ${v.link}`,
        ),
        email: email(v, t(l, `Rappel : message URGENT non lu${titled}`, `Reminder: unread URGENT message${titled}`), t(l, `Bonjour ${dr},`, `Dear ${dr},`), [
          t(l, `Un message URGENT vous attend depuis le ${since}.`, `An URGENT message has been waiting for you since ${since}.`),
          ...(v.callbackNumber ? [t(l, `Numéro à rappeler : ${v.callbackNumber}`, `Number to call back: ${v.callbackNumber}`)] : []),
          '',
          t(l, `Accuser réception : ${v.link}`, `Acknowledge: ${v.link}`),
        ]),
      };
    case 'message_escalation': {
      const minutes = v.minutesWaiting ?? 0;
      const hello = v.contactName ? t(l, `Bonjour ${v.contactName},`, `Dear ${v.contactName},`) : t(l, 'Bonjour,', 'Hello,');
      return {
        sms: t(
          l,
          `Relais : message URGENT pour ${dr} non lu depuis ${minutes} min${from}.${callback} Prendre en charge : ${v.link}`,
          `Relais: URGENT message for ${dr} unread for ${minutes} min${from}.${callback} Take it: ${v.link}`,
        ),
        email: email(v, t(l, `Message URGENT non lu pour ${dr}`, `Unread URGENT message for ${dr}`), hello, [
          t(
            l,
            `${dr} n'a pas accusé réception d'un message URGENT laissé le ${since} (${minutes} min).`,
            `${dr} has not acknowledged an URGENT message left on ${since} (${minutes} min).`,
          ),
          t(l, 'Vous êtes le contact suivant de la liste d’escalade du cabinet.', 'You are the next contact on the practice’s escalation list.'),
          ...(v.callbackNumber ? [t(l, `Numéro à rappeler : ${v.callbackNumber}`, `Number to call back: ${v.callbackNumber}`)] : []),
          '',
          t(l, `Accuser réception : ${v.link}`, `Acknowledge: ${v.link}`),
        ]),
      };
    }
  }
}
