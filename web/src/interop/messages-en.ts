/** English texts of the "open doors" screens; same keys as messages-fr.ts. */
import type { interopFr } from './messages-fr.ts';

export const interopEn = {
  'nav.icsFeed': 'Calendar feed',
  'ics.title': 'Subscribe my calendar to my Relais agenda',
  'ics.intro':
    'A secret address your calendar (Apple Calendar, Google Calendar, Outlook, Thunderbird…) reads regularly. Moves and cancellations show up by themselves.',
  'ics.label': 'What the calendar shows of the patient',
  'ics.label.full_name': 'Full name',
  'ics.label.initials': 'Initials',
  'ics.label.none': 'Nothing (motif only)',
  'ics.none': 'You have no subscription address yet.',
  'ics.create': 'Create my subscription address',
  'ics.renew': 'Replace with a new address',
  'ics.revoke': 'Revoke the address',
  'ics.active': 'Address active since {date}.',
  'ics.lastRead': 'Last read by your calendar: {date}.',
  'ics.neverRead': 'Your calendar has not read it yet.',
  'ics.url': 'Your secret address (shown once: copy it now)',
  'ics.copy': 'Copy',
  'ics.copied': 'Copied',
  'ics.secret': 'Anyone who knows this address sees your agenda: do not share it. If in doubt, replace it.',
  'ics.revoked': 'Address revoked: your calendar no longer receives your agenda.',
  'ics.saved': 'Saved.',
} as const satisfies Record<keyof typeof interopFr, string>;
