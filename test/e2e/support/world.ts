/**
 * The data the browser tests run against: two practices of one company (with sites, forwarded numbers,
 * service hours, practitioners), patients, and one user per role. Written with the shared fixtures and SQL,
 * so the tests depend on the schema, not on another feature's builders.
 */
import type { Queryable } from '../../../src/core/db/types.ts';
import { createOrganisation, createPatient, createPractice, createPractitioner, createUser } from '../../support/fixtures.ts';

export const NUMBERS = {
  /** The forwarded number of the Lilas practice. */
  lilas: '+33140000001',
  /** The forwarded number of the Martinique practice. */
  fortDeFrance: '+596596000001',
  /** A returning patient's mobile. */
  returningPatient: '+33612345678',
  /** The mobile of the patient whose name is an HTML script. */
  scriptName: '+33698765432',
  /** Nobody's number. */
  unknownCaller: '+33611223344',
};

export const XSS_NAME = '<script>window.__xss=1</script>';
export const LONG_NAME = 'Cabinet médical pluridisciplinaire des Lilas et de la Porte de Montreuil — Maison de santé universitaire';

export interface World {
  organisationId: string;
  lilasId: string;
  martiniqueId: string;
  agent: { email: string; password: string };
  supervisor: { email: string; password: string };
  practitioner: { email: string; password: string };
  returningPatientId: string;
}

async function addSite(db: Queryable, practiceId: string, site: Record<string, string | number | null>): Promise<void> {
  await db.query(
    `insert into practice_sites (practice_id, label, address_line, postal_code, city, floor, digicode, parking, transport, access_notes, latitude, longitude)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      practiceId,
      site.label,
      site.addressLine,
      site.postalCode,
      site.city,
      site.floor,
      site.digicode,
      site.parking,
      site.transport,
      site.accessNotes,
      site.latitude,
      site.longitude,
    ],
  );
}

export async function createWorld(db: Queryable): Promise<World> {
  const organisationId = await createOrganisation(db, 'Télésecrétariat Relais Test');
  const lilasId = await createPractice(db, organisationId, { name: LONG_NAME });
  const martiniqueId = await createPractice(db, organisationId, { name: 'Cabinet du Dr Joseph', region: 'martinique', timeZone: 'America/Martinique' });

  const hours = {
    mon: [
      ['08:00', '12:00'],
      ['14:00', '19:00'],
    ],
    tue: [['08:00', '19:00']],
    wed: [['08:00', '12:00']],
    thu: [['08:00', '19:00']],
    fri: [['08:00', '18:00']],
    sat: [['09:00', '12:00']],
    sun: [],
  };
  await db.query('update practices set service_hours = $2, phone = $3 where id = $1', [lilasId, JSON.stringify(hours), '+33143000000']);
  await addSite(db, lilasId, {
    label: 'Site principal',
    addressLine: '12 rue des Lilas',
    postalCode: '75020',
    city: 'Paris',
    floor: '2e étage, porte gauche',
    digicode: 'B1234',
    parking: 'Parking Indigo rue Pelleport',
    transport: 'Métro 11 Place des Fêtes',
    accessNotes: 'Ascenseur au fond de la cour',
    latitude: 48.8768,
    longitude: 2.3925,
  });
  await addSite(db, martiniqueId, {
    label: 'Cabinet',
    addressLine: '5 rue Victor Hugo',
    postalCode: '97200',
    city: 'Fort-de-France',
    floor: null,
    digicode: null,
    parking: null,
    transport: null,
    accessNotes: null,
    latitude: null,
    longitude: null,
  });
  await db.query('insert into practice_numbers (e164, practice_id, label) values ($1, $2, $3), ($4, $5, $6)', [
    NUMBERS.lilas,
    lilasId,
    'Ligne principale',
    NUMBERS.fortDeFrance,
    martiniqueId,
    'Standard',
  ]);
  await createPractitioner(db, organisationId, [lilasId], { lastName: 'Lefèvre' });
  const second = await createPractitioner(db, organisationId, [lilasId], { lastName: 'Nguyen' });
  await db.query(`update practitioners set first_name = 'Hugo', profession = 'kinesitherapeute', specialty = null, title = null where id = $1`, [second]);
  const joseph = await createPractitioner(db, organisationId, [martiniqueId], { lastName: 'Joseph' });

  const returningPatientId = await createPatient(db, {
    organisationId,
    practiceId: lilasId,
    birthName: 'Moreau',
    firstGivenName: 'Élise',
    birthDate: '1985-03-12',
    sex: 'F',
    mobilePhone: NUMBERS.returningPatient,
  });
  // Imported data may hold anything: this name must show as typed and never run.
  await createPatient(db, { organisationId, practiceId: lilasId, birthName: XSS_NAME, firstGivenName: 'Script', mobilePhone: NUMBERS.scriptName });
  // Same number, other practice: never shown on a call to the Lilas practice.
  await createPatient(db, { organisationId, practiceId: martiniqueId, birthName: 'Autre', firstGivenName: 'Cabinet', mobilePhone: NUMBERS.returningPatient });

  const agent = await createUser(db, { organisationId, role: 'agent', practiceIds: [lilasId, martiniqueId], email: 'agent@e2e.relais.fr' });
  await db.query(`update users set display_name = 'Awa Diallo' where id = $1`, [agent.id]);
  const supervisor = await createUser(db, { organisationId, role: 'supervisor', email: 'superviseur@e2e.relais.fr' });
  await db.query(`update users set display_name = 'Sophie Bernard' where id = $1`, [supervisor.id]);
  const practitioner = await createUser(db, { organisationId, role: 'practitioner', practitionerId: joseph, email: 'dr.joseph@e2e.relais.fr' });
  await db.query(`update users set display_name = 'Dr Claire Joseph' where id = $1`, [practitioner.id]);
  return { organisationId, lilasId, martiniqueId, agent, supervisor, practitioner, returningPatientId };
}
