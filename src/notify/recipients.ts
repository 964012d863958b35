/** Whom a patient's notice goes to, and in which language. Pure. */
import type { Channel } from '../core/delivery/delivery-service.ts';
import type { Locale } from './format.ts';

/** The channels a patient can be reached on, minus those he opted out of. */
export function patientChannels(p: {
  mobilePhone: string | null;
  email: string | null;
  smsOptOut: boolean;
  emailOptOut: boolean;
}): { channel: Channel; address: string }[] {
  const out: { channel: Channel; address: string }[] = [];
  if (p.mobilePhone && !p.smsOptOut) out.push({ channel: 'sms', address: p.mobilePhone });
  if (p.email && !p.emailOptOut) out.push({ channel: 'email', address: p.email });
  return out;
}

export function localeOf(patientLocale: Locale | null, practiceLocale: Locale): Locale {
  return patientLocale ?? practiceLocale;
}
