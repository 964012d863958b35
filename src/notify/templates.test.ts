import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { searchKey } from '../core/text.ts';
import { PATIENT_TEMPLATES, STAFF_TEMPLATES, renderPatient, renderStaff, type AppointmentView, type MessageView } from './templates.ts';
import { sensitiveLabels } from './sensitive.ts';

// Realistic data where health data could leak: a practice and access notes naming a specialty.
const place = {
  practiceName: 'Centre de cardiologie du Parc',
  phone: '+33145678900',
  address: '12 rue des Lilas, 75011 Paris',
  floor: '2e étage, cabinet de kinésithérapie',
  digicode: '4512B',
  parking: 'Parking Indigo rue Oberkampf',
  transport: 'Métro Parmentier (ligne 3)',
  accessNotes: 'Suivre le fléchage « Ophtalmologie » dans la cour',
};
const practitioner = { title: 'Dr', firstName: 'Claire', lastName: 'Martin' };
const patient = { title: null, firstName: 'Camille', lastName: 'Durand' };
const MOTIFS = ['Consultation de suivi diabète', 'Échographie cardiaque', 'IVG médicamenteuse', 'Vaccination grippe', 'Renouvellement ordonnance'];
const now = Date.parse('2026-03-20T08:00:00Z');
const start = Date.parse('2026-03-30T07:00:00Z');

function words(text: string): string {
  return ` ${searchKey(text)} `;
}

function assertNoHealthData(sms: string, where: string): void {
  const { professions, specialties } = sensitiveLabels();
  for (const label of [...professions, ...specialties, ...MOTIFS]) {
    assert.ok(!words(sms).includes(` ${searchKey(label)} `), `${where}: "${label}" in SMS: ${sms}`);
  }
  for (const stem of ['cardio', 'kinesi', 'ophtalm', 'diabet', 'echograph', 'ivg'])
    assert.ok(!words(sms).includes(` ${stem}`), `${where}: "${stem}…" in SMS: ${sms}`);
}

describe('SMS templates carry no health data', () => {
  for (const locale of ['fr', 'en'] as const) {
    for (const template of PATIENT_TEMPLATES) {
      it(`${template} (${locale})`, () => {
        const view: AppointmentView = {
          locale,
          zone: 'Europe/Paris',
          place,
          practitioner,
          patient,
          start,
          previousStart: start - 86_400_000,
          seriesCount: 3,
          link: 'https://relais.example.fr/l/AQEAAAAA',
          changeDeadline: start - 4 * 3_600_000,
          offerExpiresAt: start - 2 * 3_600_000,
          now,
        };
        const r = renderPatient(template, view);
        assertNoHealthData(r.sms, template);
        // What the patient needs is there: the date and time in the practice's zone, the practitioner, the address.
        assert.match(r.sms, locale === 'fr' ? /lundi 30 mars à 09h00/ : /Monday 30 March at 09:00/);
        assert.match(r.sms, /Claire Martin/);
        if (!template.startsWith('appointment_cancellation') && template !== 'waitlist_refusal') assert.match(r.sms, /12 rue des Lilas, 75011 Paris/);
        // The email keeps the practice's full name and access directions.
        assert.match(r.email.text + r.email.subject, /Claire Martin/);
      });
    }
    for (const template of STAFF_TEMPLATES) {
      it(`${template} (${locale})`, () => {
        const view: MessageView = {
          locale,
          zone: 'Europe/Paris',
          practiceName: place.practiceName,
          practitioner,
          messageType: 'urgent',
          createdAt: now,
          callbackNumber: '+33612345678',
          link: 'https://relais.example.fr/l/AQEAAAAA',
          contactName: 'Dr Paul Bernard',
          minutesWaiting: 15,
          now,
        };
        const r = renderStaff(template, view);
        assertNoHealthData(r.sms, template);
        assertNoHealthData(r.email.text + r.email.subject, template);
        assert.match(r.sms, /\+33612345678/);
      });
    }
  }

  it('the practice name appears in the SMS when it names no specialty', () => {
    const r = renderPatient('appointment_reminder', {
      locale: 'fr',
      zone: 'Europe/Paris',
      place: { ...place, practiceName: 'Cabinet du Parc' },
      practitioner,
      patient,
      start,
      now,
    });
    assert.match(r.sms, /Cabinet du Parc, 12 rue des Lilas/);
    assert.match(r.sms, /code 4512B/);
  });

  it('times are the practice zone’s: 09:00 in Martinique is 13:00Z', () => {
    const r = renderPatient('appointment_reminder', {
      locale: 'fr',
      zone: 'America/Martinique',
      place,
      practitioner,
      patient,
      start: Date.parse('2026-03-30T13:00:00Z'),
      now,
    });
    assert.match(r.sms, /lundi 30 mars à 09h00/);
  });
});
