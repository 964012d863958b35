/**
 * The browser tests' world with agendas: the two practices of world.ts, whose practitioners get motifs
 * (one label shared across practitioners, with different durations) and weekly opening ranges.
 */
import type { Queryable } from '../../../src/core/db/types.ts';
import { createMotif, createWeeklyRanges } from '../../support/agenda-fixtures.ts';
import { createWorld, type World } from './world.ts';

export interface AgendaWorld extends World {
  lefevreId: string;
  nguyenId: string;
  josephId: string;
  motifs: { lefevreConsultation: string; lefevreFirst: string; nguyenConsultation: string; nguyenRehab: string; josephConsultation: string };
}

async function practitionerId(db: Queryable, lastName: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>('select id from practitioners where last_name = $1', [lastName]);
  return rows[0]!.id;
}

export async function createAgendaWorld(db: Queryable): Promise<AgendaWorld> {
  const world = await createWorld(db);
  const { organisationId, lilasId, martiniqueId } = world;
  const lefevreId = await practitionerId(db, 'Lefèvre');
  const nguyenId = await practitionerId(db, 'Nguyen');
  const josephId = await practitionerId(db, 'Joseph');
  await db.query(`update practitioners set time_zone = 'America/Martinique' where id = $1`, [josephId]);

  const motifs = {
    lefevreConsultation: await createMotif(db, { organisationId, practitionerId: lefevreId, label: 'Consultation', durationMinutes: 20, colour: '#228be6' }),
    lefevreFirst: await createMotif(db, { organisationId, practitionerId: lefevreId, label: 'Première consultation', durationMinutes: 30, colour: '#40c057' }),
    nguyenConsultation: await createMotif(db, { organisationId, practitionerId: nguyenId, label: 'consultation', durationMinutes: 30, colour: '#fab005' }),
    nguyenRehab: await createMotif(db, {
      organisationId,
      practitionerId: nguyenId,
      label: 'Rééducation du genou après ligamentoplastie (séance longue)',
      durationMinutes: 45,
      colour: '#be4bdb',
    }),
    josephConsultation: await createMotif(db, { organisationId, practitionerId: josephId, label: 'Consultation', durationMinutes: 20, colour: '#fd7e14' }),
  };
  const workdays = [1, 2, 3, 4, 5, 6];
  await createWeeklyRanges(db, {
    organisationId,
    practitionerId: lefevreId,
    practiceId: lilasId,
    motifIds: [motifs.lefevreConsultation, motifs.lefevreFirst],
    start: '08:00',
    end: '12:00',
    weekdays: workdays,
  });
  await createWeeklyRanges(db, {
    organisationId,
    practitionerId: lefevreId,
    practiceId: lilasId,
    motifIds: [motifs.lefevreConsultation, motifs.lefevreFirst],
    start: '14:00',
    end: '18:00',
    weekdays: workdays,
  });
  await createWeeklyRanges(db, {
    organisationId,
    practitionerId: nguyenId,
    practiceId: lilasId,
    motifIds: [motifs.nguyenConsultation, motifs.nguyenRehab],
    start: '09:00',
    end: '13:00',
    weekdays: workdays,
  });
  await createWeeklyRanges(db, {
    organisationId,
    practitionerId: nguyenId,
    practiceId: lilasId,
    motifIds: [motifs.nguyenConsultation, motifs.nguyenRehab],
    start: '14:00',
    end: '19:00',
    weekdays: workdays,
  });
  await createWeeklyRanges(db, {
    organisationId,
    practitionerId: josephId,
    practiceId: martiniqueId,
    motifIds: [motifs.josephConsultation],
    start: '08:00',
    end: '12:00',
    weekdays: [1, 2, 3, 4, 5],
  });
  return { ...world, lefevreId, nguyenId, josephId, motifs };
}
