/**
 * The demo's consignes: every practice gets instructions fit for its profession (emergencies and where to
 * send them, booking rules, who may be put through, what to refuse, useful numbers), changed once or
 * twice since by the company or the practitioner, and some practitioners get their own. The agents last
 * read an earlier version of most of them, so the console shows what changed. Fictitious local numbers;
 * the national short numbers (15, 3237, 3624, 116 117, 3114) are the real ones.
 */
import { randomUUID } from 'node:crypto';
import type { ConsigneContent, Section, UsefulNumber } from '../consignes/content.ts';
import type { PracticeKind } from './data/practices.ts';
import { fakePhone } from './identifiers.ts';
import { insertRows } from './insert.ts';
import type { Rng } from './random.ts';
import { DR_MARTIN } from './practitioners.ts';
import type { DemoPart, DemoPractice, DemoPractitioner } from './state.ts';
import { systemClock } from '../core/time/clock.ts';

const DAY = 86_400_000;
const NO_WEDNESDAY = 'Ne pas donner de RDV le mercredi après-midi.';

const s = (kind: Section['kind'], body: string, title: string | null = null): Section => ({ kind, title, body });

interface Local {
  /** A fictitious local number of the practice's area. */
  phone(): string;
  overseas: boolean;
}

/** Emergency numbers everywhere; SOS Médecins and the out-of-hours line in metropolitan France. */
function nationalNumbers(local: Local): UsefulNumber[] {
  return [
    { label: 'SAMU (urgences vitales)', number: '15' },
    ...(local.overseas
      ? [{ label: 'Médecin de garde', number: local.phone() }]
      : [
          { label: 'SOS Médecins', number: '3624' },
          { label: 'Médecin de garde (permanence des soins)', number: '116117' },
        ]),
    { label: 'Pharmacie de garde', number: '3237' },
  ];
}

const FIRST_VERSION: Record<PracticeKind, (local: Local) => ConsigneContent> = {
  general: (local) => ({
    sections: [
      s(
        'emergencies',
        'Urgence : si douleur thoracique → orienter vers le 15. Idem pour une difficulté à respirer, un malaise ou des signes d’AVC (bouche déformée, bras faible, trouble de la parole) : ne pas prendre de RDV, dire d’appeler le 15 immédiatement.\nFièvre chez un nourrisson de moins de 3 mois : passer l’appel au médecin présent, sinon le 15.\nAucun conseil médical au téléphone.',
      ),
      s(
        'appointments',
        `Consultations de 15 minutes ; 30 minutes pour une première consultation.\n${NO_WEDNESDAY}\nCréneaux d’urgence du jour : à proposer à partir de 8 h, aux patients du cabinet d’abord.\nNouveaux patients : seulement si leur médecin traitant est parti à la retraite ou a déménagé.`,
      ),
      s(
        'transfers',
        'Passer les pharmaciens, laboratoires et confrères au médecin concerné s’il n’est pas en consultation ; sinon message urgent.\nNe jamais passer les représentants.',
      ),
      s('refusals', 'Pas de certificat de sport ni d’arrêt de travail par téléphone.\nPas de renouvellement d’ordonnance sans consultation.'),
      s(
        'other',
        'Uniquement pour les patients du cabinet de plus de 75 ans ou alités : message « demande de visite » avec l’adresse complète et le digicode.',
        'Visites à domicile',
      ),
    ],
    usefulNumbers: [...nationalNumbers(local), { label: 'Laboratoire d’analyses', number: local.phone() }],
  }),
  pediatrics: (local) => ({
    sections: [
      s(
        'emergencies',
        'Nourrisson de moins de 3 mois avec de la fièvre, enfant qui respire mal, très somnolent, qui ne boit plus ou qui convulse : appeler le 15.\nIngestion d’un médicament ou d’un produit ménager : centre antipoison, ou le 15 si l’enfant a un malaise.',
      ),
      s(
        'appointments',
        `Consultations de 20 minutes ; 30 minutes pour les examens obligatoires (8e jour, 9e et 24e mois).\nLe Dr accepte les nouveaux patients uniquement pour les enfants de moins de 2 ans.\nCréneaux « enfant malade » réservés le jour même, à proposer à partir de 8 h.\n${NO_WEDNESDAY}`,
      ),
      s('transfers', 'La maternité et la PMI peuvent être passées au pédiatre entre deux consultations.'),
      s('refusals', 'Pas de certificat pour la crèche sans consultation.\nPas de conseils de doses de médicaments au téléphone.'),
    ],
    usefulNumbers: [...nationalNumbers(local), { label: 'Centre antipoison', number: local.phone() }, { label: 'PMI du secteur', number: local.phone() }],
  }),
  dental: (local) => ({
    sections: [
      s(
        'emergencies',
        'Douleur dentaire intense, abcès, dent cassée ou expulsée : créneau d’urgence du jour. Une dent expulsée se garde dans du lait : venir dans l’heure.\nGonflement du visage avec fièvre ou difficulté à avaler : le 15.\nDimanche et jours fériés : chirurgien-dentiste de garde.',
      ),
      s(
        'appointments',
        `Détartrage : 30 minutes. Soins : 45 minutes. Première consultation : 30 minutes avec radio panoramique.\n${NO_WEDNESDAY}\nLes devis de prothèse et d’implants se discutent au cabinet, jamais au téléphone.`,
      ),
      s('refusals', 'Pas d’urgence d’orthodontie pour les patients suivis dans un autre cabinet.'),
    ],
    usefulNumbers: [
      { label: 'SAMU (urgences vitales)', number: '15' },
      { label: 'Chirurgien-dentiste de garde', number: local.phone() },
      { label: 'Prothésiste', number: local.phone() },
    ],
  }),
  physio: (local) => ({
    sections: [
      s('emergencies', 'Mollet douloureux et gonflé après une opération ou un plâtre, essoufflement : ne pas prendre de RDV, appeler le 15.'),
      s(
        'appointments',
        `Séances de 30 minutes. Première séance : 45 minutes ; apporter l’ordonnance, les comptes rendus et une serviette.\nRééducation après une opération : prioritaire, premier RDV dans la semaine.\n${NO_WEDNESDAY}\nBalnéothérapie uniquement le mardi et le jeudi.`,
      ),
      s('transfers', 'Ne pas passer d’appel pendant les séances : prendre un message.'),
      s('refusals', 'Pas de massage de confort. Pas de séance à domicile sans prescription « à domicile ».'),
    ],
    usefulNumbers: [
      { label: 'SAMU (urgences vitales)', number: '15' },
      { label: 'Chirurgien orthopédiste (clinique)', number: local.phone() },
    ],
  }),
  ophthalmology: (local) => ({
    sections: [
      s(
        'emergencies',
        'Baisse brutale de la vue, voile noir, éclairs lumineux, œil rouge et douloureux : urgences ophtalmologiques le jour même, sinon le 15.\nProduit chimique dans l’œil : rincer à l’eau 15 minutes puis urgences.\nCorps étranger dans l’œil : créneau d’urgence du jour.',
      ),
      s(
        'appointments',
        `Consultation : 20 minutes ; avec dilatation, prévoir 1 heure sur place et ne pas conduire après.\nRenouvellement de lunettes : bilan chez l’orthoptiste d’abord.\nLe mercredi après-midi est réservé au bloc opératoire : aucun RDV.`,
      ),
      s('refusals', 'Pas de certificat pour le permis de conduire le samedi.'),
    ],
    usefulNumbers: [
      { label: 'SAMU (urgences vitales)', number: '15' },
      { label: 'Urgences ophtalmologiques', number: local.phone() },
    ],
  }),
  maternity: (local) => ({
    sections: [
      s(
        'emergencies',
        'Pendant la grossesse : saignements abondants, fortes douleurs au ventre, perte des eaux, bébé qui bouge moins, maux de tête avec troubles de la vue → maternité ou 15 sans attendre.',
      ),
      s(
        'appointments',
        'Suivi de grossesse : 30 minutes. Préparation à la naissance : séances de groupe le jeudi matin.\nRééducation périnéale : 10 séances de 30 minutes, ordonnance à apporter.\nPose de stérilet : 45 minutes, en début de cycle.',
      ),
      s('transfers', 'Les appels de la maternité sont passés à la sage-femme, même en consultation.'),
      s('refusals', 'Pas d’échographie de datation sans ordonnance.'),
    ],
    usefulNumbers: [
      { label: 'SAMU (urgences vitales)', number: '15' },
      { label: 'Maternité (salle de naissance)', number: local.phone() },
      { label: 'Laboratoire d’analyses', number: local.phone() },
    ],
  }),
  nursing: (local) => ({
    sections: [
      s(
        'emergencies',
        'Patient à domicile qui ne répond plus, chute avec douleur ou saignement, malaise : le 15.\nPansement qui saigne beaucoup : message urgent à l’infirmière de tournée.',
      ),
      s(
        'appointments',
        'Soins au cabinet sans RDV de 7 h 30 à 8 h 30 (prises de sang, injections).\nSoins à domicile : noter l’adresse, le digicode, l’ordonnance et la date de début ; message « tâche datée » pour la tournée.\nPrises de sang à jeun : avant 9 h.',
      ),
      s('refusals', 'Pas de soin sans ordonnance, sauf le vaccin contre la grippe.'),
    ],
    usefulNumbers: [
      { label: 'SAMU (urgences vitales)', number: '15' },
      { label: 'Laboratoire d’analyses', number: local.phone() },
      { label: 'SSIAD du secteur', number: local.phone() },
    ],
  }),
  cardiology: (local) => ({
    sections: [
      s(
        'emergencies',
        'Douleur dans la poitrine, essoufflement brutal, palpitations avec malaise, perte de connaissance : le 15 immédiatement, ne jamais proposer de RDV.\nPatient porteur d’un défibrillateur qui a reçu un choc : le 15.',
      ),
      s(
        'appointments',
        'Consultation avec ECG : 30 minutes. Échographie cardiaque : 30 minutes. Holter : pose le matin, retrait le lendemain à la même heure.\nÉpreuve d’effort : mardi et vendredi matin, venir en baskets.\nNouveaux patients : uniquement adressés par leur médecin traitant (courrier obligatoire).',
      ),
      s('transfers', 'Les médecins traitants et le service de cardiologie de l’hôpital sont passés au cardiologue.'),
    ],
    usefulNumbers: [
      { label: 'SAMU (urgences vitales)', number: '15' },
      { label: 'USIC de l’hôpital', number: local.phone() },
      { label: 'Laboratoire d’analyses', number: local.phone() },
    ],
  }),
  speech: (local) => ({
    sections: [
      s('emergencies', 'Trouble soudain de la parole ou de la compréhension, bouche déformée, bras faible : AVC possible, appeler le 15.'),
      s(
        'appointments',
        'Bilan : 1 heure, avec l’ordonnance. Séances : 30 minutes à heure fixe chaque semaine.\nNouveaux bilans : liste d’attente (nom, âge, motif, téléphone).\nLe mercredi après-midi est réservé aux enfants.',
      ),
      s('refusals', 'Pas de séance sans bilan préalable.'),
    ],
    usefulNumbers: [
      { label: 'SAMU (urgences vitales)', number: '15' },
      { label: 'CMP enfants', number: local.phone() },
    ],
  }),
  specialist: (local) => ({
    sections: [
      s(
        'emergencies',
        'Difficulté à respirer, gonflement du visage ou de la gorge, saignement qui ne s’arrête pas : le 15.\nCorps étranger dans l’oreille ou le nez d’un enfant : créneau d’urgence du jour.',
      ),
      s(
        'appointments',
        `Consultation : 20 minutes. Nouveaux patients : avec un courrier du médecin traitant.\n${NO_WEDNESDAY}\nActes techniques : 30 minutes, seulement à la demande du médecin.`,
      ),
      s('refusals', 'Pas de résultats d’examens donnés au téléphone.'),
    ],
    usefulNumbers: [
      { label: 'SAMU (urgences vitales)', number: '15' },
      { label: 'Laboratoire d’analyses', number: local.phone() },
    ],
  }),
};

type Edit = (c: ConsigneContent, local: Local) => { content: ConsigneContent; summary: string } | null;

const editSection = (c: ConsigneContent, kind: Section['kind'], f: (body: string) => string): ConsigneContent => ({
  ...c,
  sections: c.sections.map((x) => (x.kind === kind ? { ...x, body: f(x.body) } : x)),
});

/** Changes a practice's consignes go through: a day moved, a new emergency rule, a new number, a closure… */
const EDITS: readonly Edit[] = [
  (c) =>
    c.sections.some((x) => x.body.includes(NO_WEDNESDAY))
      ? {
          content: editSection(c, 'appointments', (b) =>
            b.replace(NO_WEDNESDAY, 'Ne pas donner de RDV le jeudi après-midi (le mercredi après-midi est de nouveau ouvert).'),
          ),
          summary: 'Jeudi après-midi fermé au lieu du mercredi',
        }
      : null,
  (c) => ({
    content: {
      sections: editSection(c, 'emergencies', (b) => `${b}\nL’appelant parle de mettre fin à ses jours : rester en ligne, le passer au 15 (ou au 3114).`)
        .sections,
      usefulNumbers: [...c.usefulNumbers, { label: 'Prévention du suicide', number: '3114' }],
    },
    summary: 'Urgences : idées suicidaires',
  }),
  (c, local) => {
    const i = c.usefulNumbers.findIndex((n) => n.number.startsWith('+'));
    if (i < 0) return null;
    const usefulNumbers = c.usefulNumbers.map((n, j) => (j === i ? { ...n, number: local.phone() } : n));
    return { content: { ...c, usefulNumbers }, summary: `Nouveau numéro : ${c.usefulNumbers[i]!.label}` };
  },
  (c) => ({
    content: {
      ...c,
      sections: [
        ...c.sections,
        s(
          'other',
          'Le cabinet est fermé du 1er au 15 août. Pendant la fermeture : urgences vitales au 15, sinon le médecin de garde ; ne pas prendre de RDV sur cette période.',
          'Fermeture d’été',
        ),
      ],
    },
    summary: 'Fermeture d’été',
  }),
  (c) =>
    c.sections.some((x) => x.kind === 'refusals')
      ? {
          content: editSection(c, 'refusals', (b) => `${b}\nPas de RDV pris par un tiers pour un patient majeur sans son accord.`),
          summary: 'À refuser : RDV pris par un tiers',
        }
      : null,
];

/** A practitioner's own consignes, in a group practice. */
const OWN: readonly ((name: string, colleague: string) => string)[] = [
  (name) => `${name} accepte les nouveaux patients uniquement pour les enfants.`,
  (name, colleague) => `${name} travaille à temps partiel : pas de RDV le vendredi. En son absence, les urgences du jour vont chez ${colleague}.`,
  (name) => `${name} ne prend plus de nouveaux patients, même adressés par un confrère.`,
  (name) => `${name} fait ses visites à domicile le mardi après-midi seulement : prendre les demandes jusqu’au mardi 12 h.`,
];

const nameOf = (p: DemoPractitioner) => (p.title ? `Le ${p.title} ${p.lastName}` : `${p.firstName} ${p.lastName}`);

interface Writer {
  consignes: unknown[][];
  versions: unknown[][];
  reads: unknown[][];
}

interface WrittenSet {
  id: string;
  /** When each version was saved, oldest first. */
  times: Date[];
}

function writeSet(
  w: Writer,
  o: {
    practice: DemoPractice;
    organisationId: string;
    practitionerId: string | null;
    versions: { content: ConsigneContent; summary: string; author: string; at: Date }[];
  },
): WrittenSet {
  const id = randomUUID();
  w.consignes.push([id, o.organisationId, o.practice.id, o.practitionerId, o.versions.length, o.versions[o.versions.length - 1]!.at]);
  o.versions.forEach((v, i) =>
    w.versions.push([
      id,
      i + 1,
      o.organisationId,
      o.practice.id,
      JSON.stringify(v.content.sections),
      JSON.stringify(v.content.usefulNumbers),
      v.summary,
      v.author,
      v.at,
    ]),
  );
  return { id, times: o.versions.map((v) => v.at) };
}

function history(rng: Rng, first: ConsigneContent, local: Local, count: number): { content: ConsigneContent; summary: string }[] {
  const out = [{ content: first, summary: 'Consignes à la mise en place du cabinet' }];
  for (const edit of rng.shuffle(EDITS)) {
    if (out.length >= count) break;
    const next = edit(out[out.length - 1]!.content, local);
    if (next) out.push(next);
  }
  return out;
}

export const consignesPart: DemoPart = {
  name: 'consignes',
  async run(db, rng, state) {
    const { rows: users } = await db.query<{ id: string; role: string; practitioner_id: string | null }>(
      'select id, role, practitioner_id from users where organisation_id = $1',
      [state.organisationId],
    );
    const admin = users.find((u) => u.role === 'admin')!.id;
    const supervisor = users.find((u) => u.role === 'supervisor')?.id ?? admin;
    const { rows: readers } = await db.query<{ user_id: string; practice_id: string }>(
      `select up.user_id, up.practice_id from user_practices up join users u on u.id = up.user_id
        where u.organisation_id = $1 and u.role in ('agent', 'trainer') order by 1, 2`,
      [state.organisationId],
    );
    const now = systemClock.nowMs();
    const w: Writer = { consignes: [], versions: [], reads: [] };
    const setsOfPractice = new Map<string, WrittenSet[]>();

    for (const practice of state.practices) {
      const taken = new Set<string>();
      const local: Local = {
        phone: () => fakePhone(rng, rng.pick(practice.data.phonePrefixes), taken),
        overseas: practice.data.region === 'martinique' || practice.data.region === 'reunion',
      };
      const team = state.practitioners.filter((p) => p.practiceKeys.includes(practice.key));
      const martinUser =
        practice.key === DR_MARTIN.practiceKey ? users.find((u) => u.role === 'practitioner' && team.some((p) => p.id === u.practitioner_id)) : undefined;

      const steps = history(rng, FIRST_VERSION[practice.data.kind](local), local, rng.int(2, 3));
      const ages = [rng.int(60, 120), rng.int(12, 40), rng.int(1, 6)];
      const sets: WrittenSet[] = [];
      sets.push(
        writeSet(w, {
          practice,
          organisationId: state.organisationId,
          practitionerId: null,
          versions: steps.map((step, i) => ({
            ...step,
            author: i === 0 ? admin : i === 2 && martinUser ? martinUser.id : rng.pick([admin, supervisor]),
            at: new Date(now - ages[i]! * DAY - rng.int(0, 8 * 3600) * 1000),
          })),
        }),
      );

      if (team.length >= 2) {
        const [who, colleague] = rng.sample(team, 2) as [DemoPractitioner, DemoPractitioner];
        const body = rng.pick(OWN)(nameOf(who), nameOf(colleague).replace(/^Le /, 'le '));
        sets.push(
          writeSet(w, {
            practice,
            organisationId: state.organisationId,
            practitionerId: who.id,
            versions: [
              {
                content: { sections: [s('appointments', body)], usefulNumbers: [] },
                summary: 'Consignes du praticien',
                author: supervisor,
                at: new Date(now - rng.int(20, 90) * DAY),
              },
            ],
          }),
        );
      }
      setsOfPractice.set(practice.id, sets);
    }

    // Most agents last read an earlier version: the console shows them what changed since.
    for (const r of readers) {
      for (const set of setsOfPractice.get(r.practice_id) ?? []) {
        const roll = rng.next();
        const version = roll < 0.75 ? set.times.length - 1 : roll < 0.9 ? set.times.length : 0;
        if (version < 1) continue;
        // Read some time after that version was saved, before the next one.
        const from = set.times[version - 1]!.getTime();
        const to = set.times[version]?.getTime() ?? now;
        w.reads.push([r.user_id, set.id, version, new Date(from + rng.next() * (to - from))]);
      }
    }

    await insertRows(db, 'consignes', ['id', 'organisation_id', 'practice_id', 'practitioner_id', 'current_version', 'updated_at'], w.consignes);
    await insertRows(
      db,
      'consigne_versions',
      ['consigne_id', 'version', 'organisation_id', 'practice_id', 'sections', 'useful_numbers', 'summary', 'author_id', 'created_at'],
      w.versions,
    );
    await insertRows(db, 'consigne_reads', ['user_id', 'consigne_id', 'version', 'seen_at'], w.reads);
  },
};
