/**
 * The demo's client practices: real streets and neighbourhoods, plausible names, the team each one has,
 * and the towns its patients come from ([postal code, town, INSEE code]). Invented businesses.
 */
import type { Region } from '../../core/time/regions.ts';
import type { Profession, Specialty } from '../../practitioners/professions.ts';

/** What kind of patients a practice sees: drives their ages and sexes. */
export type PracticeKind = 'general' | 'pediatrics' | 'dental' | 'physio' | 'ophthalmology' | 'maternity' | 'nursing' | 'cardiology' | 'speech' | 'specialist';

export type HoursPreset = 'weekdays' | 'weekdays_saturday' | 'split' | 'long' | 'martinique' | 'reunion';

export interface SiteData {
  label: string;
  addressLine: string;
  postalCode: string;
  city: string;
  floor: string | null;
  digicode: string | null;
  parking: string | null;
  transport: string | null;
  accessNotes: string | null;
  latitude: number;
  longitude: number;
}

export interface TeamMember {
  profession: Profession;
  specialty: Specialty | null;
  count: number;
}

export type Town = readonly [postalCode: string, city: string, insee: string];

export interface PracticeData {
  key: string;
  name: string;
  legalName: string;
  region: Region;
  kind: PracticeKind;
  hours: HoursPreset;
  /** E.164 prefixes of the local landlines its forwarded numbers are taken from. */
  phonePrefixes: readonly string[];
  sites: SiteData[];
  team: TeamMember[];
  catchment: readonly Town[];
}

const GP = { profession: 'medecin', specialty: 'medecine_generale' } as const;
const team = (profession: Profession, specialty: Specialty | null, count = 1): TeamMember => ({ profession, specialty, count });

const PARIS_6_14 = [['75006', 'Paris', '75106'], ['75014', 'Paris', '75114'], ['75015', 'Paris', '75115'], ['75005', 'Paris', '75105'],
  ['75007', 'Paris', '75107'], ['92120', 'Montrouge', '92049'], ['92170', 'Vanves', '92075']] as const satisfies readonly Town[];

export const PRACTICES: readonly PracticeData[] = [
  {
    key: 'paris-vavin', name: 'Cabinet médical Vavin', legalName: 'SCM Cabinet Médical Vavin', region: 'metropole', kind: 'general',
    hours: 'weekdays_saturday', phonePrefixes: ['+33143', '+33145'],
    sites: [{ label: 'Cabinet', addressLine: '27 rue Vavin', postalCode: '75006', city: 'Paris', floor: '2e étage, porte gauche', digicode: '4821B',
      parking: 'Parking Montparnasse – Raspail, 120 boulevard Raspail', transport: 'Métro ligne 4, station Vavin ; bus 58, 82, 91',
      accessNotes: 'Ascenseur au fond de la cour. Interphone « Cabinet médical ».', latitude: 48.8431, longitude: 2.3301 }],
    team: [{ ...GP, count: 4 }], catchment: PARIS_6_14,
  },
  {
    key: 'paris-oberkampf', name: 'Cabinet de kinésithérapie Oberkampf', legalName: 'SELARL Kiné Oberkampf', region: 'metropole', kind: 'physio',
    hours: 'long', phonePrefixes: ['+33143', '+33148'],
    sites: [{ label: 'Cabinet', addressLine: '112 rue Oberkampf', postalCode: '75011', city: 'Paris', floor: 'Rez-de-chaussée sur cour', digicode: '27A15',
      parking: 'Pas de parking : stationnement payant rue Oberkampf', transport: 'Métro ligne 3, station Parmentier ; lignes 5 et 9, station Oberkampf',
      accessNotes: 'Accessible en fauteuil roulant par la cour. Apporter une serviette.', latitude: 48.866, longitude: 2.378 }],
    team: [team('kinesitherapeute', null), team('kinesitherapeute', 'kinesitherapie_du_sport')],
    catchment: [['75011', 'Paris', '75111'], ['75010', 'Paris', '75110'], ['75020', 'Paris', '75120'], ['75003', 'Paris', '75103'],
      ['93100', 'Montreuil', '93048'], ['93170', 'Bagnolet', '93006']],
  },
  {
    key: 'paris-convention', name: 'Cabinet de pédiatrie Convention', legalName: 'SCM Pédiatres Convention', region: 'metropole', kind: 'pediatrics',
    hours: 'weekdays_saturday', phonePrefixes: ['+33145', '+33153'],
    sites: [{ label: 'Cabinet', addressLine: '58 rue de la Convention', postalCode: '75015', city: 'Paris', floor: '1er étage', digicode: '1789',
      parking: 'Parking Indigo Convention – Vaugirard à 300 m', transport: 'Métro ligne 8, station Boucicaut ; RER C, station Javel',
      accessNotes: 'Local à poussettes au rez-de-chaussée, à droite de l’ascenseur.', latitude: 48.843, longitude: 2.283 }],
    team: [team('medecin', 'pediatrie', 2)],
    catchment: [['75015', 'Paris', '75115'], ['75016', 'Paris', '75116'], ['75007', 'Paris', '75107'], ['92130', 'Issy-les-Moulineaux', '92040'],
      ['92100', 'Boulogne-Billancourt', '92012']],
  },
  {
    key: 'paris-abbesses', name: 'Cabinet dentaire des Abbesses', legalName: 'SELARL Dentaire des Abbesses', region: 'metropole', kind: 'dental',
    hours: 'split', phonePrefixes: ['+33142', '+33146'],
    sites: [{ label: 'Cabinet', addressLine: '18 rue des Abbesses', postalCode: '75018', city: 'Paris', floor: '3e étage avec ascenseur', digicode: '0412',
      parking: 'Stationnement très difficile : privilégier les transports', transport: 'Métro ligne 12, station Abbesses ; Montmartrobus',
      accessNotes: null, latitude: 48.8847, longitude: 2.3375 }],
    team: [team('dentiste', null), team('dentiste', 'orthodontie')],
    catchment: [['75018', 'Paris', '75118'], ['75009', 'Paris', '75109'], ['75017', 'Paris', '75117'], ['93400', 'Saint-Ouen-sur-Seine', '93070'],
      ['92110', 'Clichy', '92024']],
  },
  {
    key: 'boulogne', name: 'Centre d’ophtalmologie de Boulogne', legalName: 'SELARL Ophtalmologie Boulogne-Billancourt', region: 'metropole',
    kind: 'ophthalmology', hours: 'weekdays', phonePrefixes: ['+33146', '+33141'],
    sites: [{ label: 'Centre', addressLine: '96 route de la Reine', postalCode: '92100', city: 'Boulogne-Billancourt', floor: '4e étage', digicode: null,
      parking: 'Parking Hôtel de Ville, 26 avenue André Morizet', transport: 'Métro ligne 10, station Boulogne – Jean Jaurès ; bus 72',
      accessNotes: 'Examen avec dilatation : venir accompagné, ne pas conduire au retour.', latitude: 48.8405, longitude: 2.2425 }],
    team: [team('medecin', 'ophtalmologie'), team('orthoptiste', null)],
    catchment: [['92100', 'Boulogne-Billancourt', '92012'], ['92130', 'Issy-les-Moulineaux', '92040'], ['92310', 'Sèvres', '92072'],
      ['92210', 'Saint-Cloud', '92064'], ['92190', 'Meudon', '92048'], ['75016', 'Paris', '75116']],
  },
  {
    key: 'lyon-part-dieu', name: 'Maison de santé pluriprofessionnelle Part-Dieu', legalName: 'SISA MSP Lyon Part-Dieu', region: 'metropole',
    kind: 'general', hours: 'weekdays_saturday', phonePrefixes: ['+33478', '+33472'],
    sites: [
      { label: 'Site Part-Dieu', addressLine: '47 rue de la Villette', postalCode: '69003', city: 'Lyon', floor: '1er étage', digicode: 'B2468',
        parking: 'Parking Part-Dieu Villette à 200 m', transport: 'Métro ligne B, station Gare Part-Dieu – Vivier Merle ; tram T1, T3, T4',
        accessNotes: 'Entrée par la porte vitrée à gauche de la pharmacie.', latitude: 45.76, longitude: 4.861 },
      { label: 'Antenne Montchat', addressLine: '8 cours du Docteur Long', postalCode: '69003', city: 'Lyon', floor: 'Rez-de-chaussée', digicode: null,
        parking: 'Stationnement gratuit dans les rues voisines', transport: 'Bus C13, arrêt Place du Château', accessNotes: 'Ouverte le matin seulement.',
        latitude: 45.753, longitude: 4.887 },
    ],
    team: [{ ...GP, count: 3 }, team('infirmier', null), team('sage_femme', null)],
    catchment: [['69003', 'Lyon', '69383'], ['69006', 'Lyon', '69386'], ['69007', 'Lyon', '69387'], ['69008', 'Lyon', '69388'],
      ['69100', 'Villeurbanne', '69266'], ['69500', 'Bron', '69029']],
  },
  {
    key: 'lyon-jean-mace', name: 'Cabinet de sages-femmes Jean Macé', legalName: 'SCM Sages-Femmes Jean Macé', region: 'metropole', kind: 'maternity',
    hours: 'weekdays', phonePrefixes: ['+33478', '+33437'],
    sites: [{ label: 'Cabinet', addressLine: '14 avenue Berthelot', postalCode: '69007', city: 'Lyon', floor: '2e étage', digicode: '7314',
      parking: 'Stationnement payant avenue Berthelot', transport: 'Métro ligne B et tram T2, station Jean Macé',
      accessNotes: 'Cours de préparation à la naissance dans la salle du fond.', latitude: 45.7465, longitude: 4.842 }],
    team: [team('sage_femme', null)],
    catchment: [['69007', 'Lyon', '69387'], ['69008', 'Lyon', '69388'], ['69002', 'Lyon', '69382'], ['69003', 'Lyon', '69383'],
      ['69200', 'Vénissieux', '69259'], ['69600', 'Oullins', '69149']],
  },
  {
    key: 'villeurbanne', name: 'Cabinet infirmier des Gratte-Ciel', legalName: 'SCM Infirmiers des Gratte-Ciel', region: 'metropole', kind: 'nursing',
    hours: 'long', phonePrefixes: ['+33478', '+33472'],
    sites: [{ label: 'Cabinet', addressLine: '21 avenue Henri Barbusse', postalCode: '69100', city: 'Villeurbanne', floor: 'Rez-de-chaussée, entrée par la galerie',
      digicode: null, parking: 'Parking Gratte-Ciel Centre', transport: 'Métro ligne A, station Gratte-Ciel',
      accessNotes: 'Soins au cabinet sans rendez-vous de 7 h 30 à 8 h 30 ; le reste du temps, soins à domicile.', latitude: 45.7685, longitude: 4.881 }],
    team: [team('infirmier', null)],
    catchment: [['69100', 'Villeurbanne', '69266'], ['69006', 'Lyon', '69386'], ['69120', 'Vaulx-en-Velin', '69256'], ['69300', 'Caluire-et-Cuire', '69034']],
  },
  {
    key: 'marseille-castellane', name: 'Cabinet de cardiologie Castellane', legalName: 'SELARL Cardiologie Castellane', region: 'metropole',
    kind: 'cardiology', hours: 'weekdays', phonePrefixes: ['+33491'],
    sites: [{ label: 'Cabinet', addressLine: '164 rue de Rome', postalCode: '13006', city: 'Marseille', floor: '5e étage', digicode: '6523',
      parking: 'Parking Indigo Castellane', transport: 'Métro lignes 1 et 2, station Castellane ; tram T3',
      accessNotes: 'Apporter les derniers électrocardiogrammes et la liste des traitements.', latitude: 43.287, longitude: 5.383 }],
    team: [team('medecin', 'cardiologie', 2)],
    catchment: [['13006', 'Marseille', '13206'], ['13005', 'Marseille', '13205'], ['13008', 'Marseille', '13208'], ['13010', 'Marseille', '13210'],
      ['13004', 'Marseille', '13204'], ['13400', 'Aubagne', '13005']],
  },
  {
    key: 'marseille-prado', name: 'Cabinet médical du Prado', legalName: 'SCM Médecins du Prado', region: 'metropole', kind: 'general',
    hours: 'weekdays_saturday', phonePrefixes: ['+33491', '+33496'],
    sites: [{ label: 'Cabinet', addressLine: '212 avenue du Prado', postalCode: '13008', city: 'Marseille', floor: '1er étage', digicode: '3310',
      parking: 'Deux places réservées aux patients dans la cour', transport: 'Métro ligne 2, station Périer ; bus 19 et 21',
      accessNotes: null, latitude: 43.2745, longitude: 5.3875 }],
    team: [{ ...GP, count: 2 }],
    catchment: [['13008', 'Marseille', '13208'], ['13009', 'Marseille', '13209'], ['13006', 'Marseille', '13206'], ['13010', 'Marseille', '13210']],
  },
  {
    key: 'aix-mirabeau', name: 'Cabinet d’orthophonie Mirabeau', legalName: 'SCM Orthophonistes Mirabeau', region: 'metropole', kind: 'speech',
    hours: 'weekdays', phonePrefixes: ['+33442'],
    sites: [{ label: 'Cabinet', addressLine: '9 rue Thiers', postalCode: '13100', city: 'Aix-en-Provence', floor: '2e étage sans ascenseur', digicode: '1309',
      parking: 'Parkings Mignet et Bellegarde', transport: 'Bus lignes 4 et 7, arrêt Mirabeau', accessNotes: null, latitude: 43.5268, longitude: 5.449 }],
    team: [team('orthophoniste', null, 2)],
    catchment: [['13100', 'Aix-en-Provence', '13001'], ['13090', 'Aix-en-Provence', '13001'], ['13770', 'Venelles', '13113'],
      ['13120', 'Gardanne', '13041'], ['13510', 'Éguilles', '13032']],
  },
  {
    key: 'bordeaux-chartrons', name: 'Cabinet médical des Chartrons', legalName: 'SCM Médecins des Chartrons', region: 'metropole', kind: 'general',
    hours: 'weekdays_saturday', phonePrefixes: ['+33556'],
    sites: [{ label: 'Cabinet', addressLine: '58 rue Notre-Dame', postalCode: '33000', city: 'Bordeaux', floor: 'Rez-de-chaussée', digicode: null,
      parking: 'Parking Cité Mondiale, 20 quai des Chartrons', transport: 'Tram ligne B, arrêt Chartrons ; bus 4 et 5',
      accessNotes: 'Sonner au « Cabinet médical », porte bleue.', latitude: 44.8525, longitude: -0.57 }],
    team: [{ ...GP, count: 3 }],
    catchment: [['33000', 'Bordeaux', '33063'], ['33300', 'Bordeaux', '33063'], ['33110', 'Le Bouscat', '33069'], ['33520', 'Bruges', '33075']],
  },
  {
    key: 'bordeaux-victoire', name: 'Centre dentaire de la Victoire', legalName: 'SELARL Dentistes de la Victoire', region: 'metropole', kind: 'dental',
    hours: 'split', phonePrefixes: ['+33556', '+33557'],
    sites: [{ label: 'Centre', addressLine: '31 cours Aristide Briand', postalCode: '33000', city: 'Bordeaux', floor: '1er étage', digicode: '2401',
      parking: 'Parking Victoire, cours Victor Hugo', transport: 'Tram ligne B, arrêt Victoire', accessNotes: null, latitude: 44.832, longitude: -0.572 }],
    team: [team('dentiste', null), team('dentiste', 'chirurgie_orale')],
    catchment: [['33000', 'Bordeaux', '33063'], ['33800', 'Bordeaux', '33063'], ['33400', 'Talence', '33522'], ['33130', 'Bègles', '33039'],
      ['33600', 'Pessac', '33318']],
  },
  {
    key: 'lille-republique', name: 'Cabinet médical République', legalName: 'SCM Cabinet République', region: 'metropole', kind: 'general',
    hours: 'weekdays', phonePrefixes: ['+33320'],
    sites: [{ label: 'Cabinet', addressLine: '36 boulevard de la Liberté', postalCode: '59000', city: 'Lille', floor: '3e étage', digicode: '5978',
      parking: 'Parking République, place de la République', transport: 'Métro ligne 1, station République – Beaux-Arts',
      accessNotes: null, latitude: 50.6315, longitude: 3.06 }],
    team: [{ ...GP, count: 2 }],
    catchment: [['59000', 'Lille', '59350'], ['59800', 'Lille', '59350'], ['59110', 'La Madeleine', '59368'], ['59130', 'Lambersart', '59328']],
  },
  {
    key: 'lille-vieux-lille', name: 'Cabinet de pneumologie du Vieux-Lille', legalName: 'SELARL Pneumologie Vieux-Lille', region: 'metropole',
    kind: 'specialist', hours: 'weekdays', phonePrefixes: ['+33320', '+33328'],
    sites: [{ label: 'Cabinet', addressLine: '14 rue de la Monnaie', postalCode: '59800', city: 'Lille', floor: '1er étage', digicode: '1667',
      parking: 'Parking Nouveau Siècle', transport: 'Métro ligne 1, station Rihour', accessNotes: 'Apporter les comptes rendus d’examens respiratoires.',
      latitude: 50.6405, longitude: 3.0625 }],
    team: [team('medecin', 'pneumologie')],
    catchment: [['59800', 'Lille', '59350'], ['59700', 'Marcq-en-Barœul', '59378'], ['59110', 'La Madeleine', '59368'],
      ['59370', 'Mons-en-Barœul', '59410'], ['59100', 'Roubaix', '59512']],
  },
  {
    key: 'nantes-ile', name: 'Maison médicale de l’Île de Nantes', legalName: 'SCM Maison Médicale Île de Nantes', region: 'metropole', kind: 'general',
    hours: 'weekdays', phonePrefixes: ['+33240'],
    sites: [
      { label: 'Cabinet', addressLine: '15 boulevard Vincent Gâche', postalCode: '44200', city: 'Nantes', floor: 'Rez-de-chaussée', digicode: null,
        parking: 'Parking Vincent Gâche', transport: 'Tram lignes 2 et 3, arrêt Vincent Gâche', accessNotes: null, latitude: 47.2055, longitude: -1.5475 },
      { label: 'Antenne Rezé', addressLine: '3 place Sémard', postalCode: '44400', city: 'Rezé', floor: '1er étage', digicode: '4440',
        parking: 'Parking gratuit place Sémard', transport: 'Tram ligne 3, arrêt Hôtel de Ville de Rezé', accessNotes: 'Le mardi et le jeudi seulement.',
        latitude: 47.1915, longitude: -1.5495 },
    ],
    team: [{ ...GP, count: 2 }],
    catchment: [['44200', 'Nantes', '44109'], ['44000', 'Nantes', '44109'], ['44400', 'Rezé', '44143'], ['44230', 'Saint-Sébastien-sur-Loire', '44190'],
      ['44340', 'Bouguenais', '44020']],
  },
  {
    key: 'nantes-graslin', name: 'Cabinet de dermatologie Graslin', legalName: 'SELARL Dermatologie Graslin', region: 'metropole', kind: 'specialist',
    hours: 'weekdays', phonePrefixes: ['+33240', '+33251'],
    sites: [{ label: 'Cabinet', addressLine: '5 rue Racine', postalCode: '44000', city: 'Nantes', floor: '2e étage', digicode: '4410',
      parking: 'Parking Graslin', transport: 'Tram ligne 1, arrêt Médiathèque ; bus C1, arrêt Graslin', accessNotes: null,
      latitude: 47.2125, longitude: -1.5645 }],
    team: [team('medecin', 'dermatologie', 2)],
    catchment: [['44000', 'Nantes', '44109'], ['44100', 'Nantes', '44109'], ['44800', 'Saint-Herblain', '44162'], ['44700', 'Orvault', '44114'],
      ['44470', 'Carquefou', '44026']],
  },
  {
    key: 'toulouse-capitole', name: 'Cabinet médical du Capitole', legalName: 'SCM Médecins du Capitole', region: 'metropole', kind: 'general',
    hours: 'weekdays_saturday', phonePrefixes: ['+33561'],
    sites: [{ label: 'Cabinet', addressLine: '19 rue du Taur', postalCode: '31000', city: 'Toulouse', floor: '1er étage', digicode: '3100',
      parking: 'Parking Capitole', transport: 'Métro ligne A, station Capitole', accessNotes: null, latitude: 43.6055, longitude: 1.442 }],
    team: [{ ...GP, count: 2 }],
    catchment: [['31000', 'Toulouse', '31555'], ['31200', 'Toulouse', '31555'], ['31500', 'Toulouse', '31555'], ['31130', 'Balma', '31044'],
      ['31240', 'L’Union', '31561']],
  },
  {
    key: 'toulouse-saint-cyprien', name: 'Cabinet de kinésithérapie Saint-Cyprien', legalName: 'SCP Kinésithérapeutes Saint-Cyprien', region: 'metropole',
    kind: 'physio', hours: 'long', phonePrefixes: ['+33561', '+33534'],
    sites: [{ label: 'Cabinet', addressLine: '42 allées Charles de Fitte', postalCode: '31300', city: 'Toulouse', floor: 'Rez-de-chaussée', digicode: null,
      parking: 'Stationnement payant sur les allées', transport: 'Métro ligne A, station Saint-Cyprien – République', accessNotes: 'Balnéothérapie : apporter un maillot.',
      latitude: 43.5985, longitude: 1.4305 }],
    team: [team('kinesitherapeute', null), team('kinesitherapeute', 'kinesitherapie_du_sport')],
    catchment: [['31300', 'Toulouse', '31555'], ['31100', 'Toulouse', '31555'], ['31170', 'Tournefeuille', '31557'], ['31770', 'Colomiers', '31149'],
      ['31700', 'Blagnac', '31069']],
  },
  {
    key: 'rennes-sainte-anne', name: 'Cabinet de gynécologie Sainte-Anne', legalName: 'SELARL Gynécologie Sainte-Anne', region: 'metropole', kind: 'maternity',
    hours: 'weekdays', phonePrefixes: ['+33299', '+33223'],
    sites: [{ label: 'Cabinet', addressLine: '7 rue d’Échange', postalCode: '35000', city: 'Rennes', floor: '2e étage', digicode: '3522',
      parking: 'Parking Hoche', transport: 'Métro lignes a et b, station Sainte-Anne', accessNotes: null, latitude: 48.114, longitude: -1.6815 }],
    team: [team('medecin', 'gynecologie'), team('sage_femme', null)],
    catchment: [['35000', 'Rennes', '35238'], ['35700', 'Rennes', '35238'], ['35510', 'Cesson-Sévigné', '35051'], ['35760', 'Saint-Grégoire', '35278'],
      ['35170', 'Bruz', '35047']],
  },
  {
    key: 'montpellier-comedie', name: 'Cabinet médical de la Comédie', legalName: 'SELARL Médecine Générale Comédie', region: 'metropole',
    kind: 'general', hours: 'weekdays', phonePrefixes: ['+33467'],
    sites: [{ label: 'Cabinet', addressLine: '6 rue de la Loge', postalCode: '34000', city: 'Montpellier', floor: '3e étage', digicode: '3400',
      parking: 'Parking Comédie', transport: 'Tram lignes 1 et 2, arrêt Comédie', accessNotes: null, latitude: 43.61, longitude: 3.877 }],
    team: [{ ...GP, count: 1 }],
    catchment: [['34000', 'Montpellier', '34172'], ['34070', 'Montpellier', '34172'], ['34170', 'Castelnau-le-Lez', '34057'], ['34970', 'Lattes', '34129'],
      ['34990', 'Juvignac', '34123']],
  },
  {
    key: 'nice-jean-medecin', name: 'Cabinet d’ORL Jean-Médecin', legalName: 'SELARL ORL Nice Centre', region: 'metropole', kind: 'specialist',
    hours: 'weekdays', phonePrefixes: ['+33493'],
    sites: [{ label: 'Cabinet', addressLine: '33 avenue Jean Médecin', postalCode: '06000', city: 'Nice', floor: '4e étage', digicode: '0600',
      parking: 'Parking Nice Étoile', transport: 'Tram ligne 1, arrêt Jean Médecin', accessNotes: null, latitude: 43.703, longitude: 7.2665 }],
    team: [team('medecin', 'orl')],
    catchment: [['06000', 'Nice', '06088'], ['06100', 'Nice', '06088'], ['06300', 'Nice', '06088'], ['06700', 'Saint-Laurent-du-Var', '06123'],
      ['06800', 'Cagnes-sur-Mer', '06027']],
  },
  {
    key: 'strasbourg-krutenau', name: 'Cabinet médical de la Krutenau', legalName: 'SCM Médecins de la Krutenau', region: 'alsace-moselle', kind: 'general',
    hours: 'weekdays_saturday', phonePrefixes: ['+33388'],
    sites: [{ label: 'Cabinet', addressLine: '12 rue de Zurich', postalCode: '67000', city: 'Strasbourg', floor: '1er étage', digicode: '6700',
      parking: 'Parking Austerlitz', transport: 'Tram ligne C, arrêt Gallia', accessNotes: null, latitude: 48.5815, longitude: 7.756 }],
    team: [{ ...GP, count: 3 }],
    catchment: [['67000', 'Strasbourg', '67482'], ['67100', 'Strasbourg', '67482'], ['67300', 'Schiltigheim', '67447'],
      ['67400', 'Illkirch-Graffenstaden', '67218'], ['67800', 'Bischheim', '67043'], ['67540', 'Ostwald', '67365']],
  },
  {
    key: 'strasbourg-esplanade', name: 'Cabinet de kinésithérapie de l’Esplanade', legalName: 'SCM Kinés Esplanade', region: 'alsace-moselle',
    kind: 'physio', hours: 'long', phonePrefixes: ['+33388', '+33390'],
    sites: [{ label: 'Cabinet', addressLine: '18 boulevard de la Victoire', postalCode: '67000', city: 'Strasbourg', floor: 'Rez-de-chaussée', digicode: null,
      parking: 'Parking Esplanade, rue de Londres', transport: 'Tram ligne C, arrêt Esplanade', accessNotes: null, latitude: 48.58, longitude: 7.764 }],
    team: [team('kinesitherapeute', null, 2)],
    catchment: [['67000', 'Strasbourg', '67482'], ['67100', 'Strasbourg', '67482'], ['67400', 'Illkirch-Graffenstaden', '67218'],
      ['67380', 'Lingolsheim', '67267']],
  },
  {
    key: 'mulhouse-porte-jeune', name: 'Cabinet de pédiatrie de la Porte Jeune', legalName: 'SCM Pédiatres de Mulhouse', region: 'alsace-moselle',
    kind: 'pediatrics', hours: 'weekdays_saturday', phonePrefixes: ['+33389'],
    sites: [{ label: 'Cabinet', addressLine: '4 rue du Sauvage', postalCode: '68100', city: 'Mulhouse', floor: '3e étage', digicode: '6810',
      parking: 'Parking Porte Jeune', transport: 'Tram lignes 1 et 2, arrêt Porte Jeune', accessNotes: 'Apporter le carnet de santé.',
      latitude: 47.747, longitude: 7.3385 }],
    team: [team('medecin', 'pediatrie')],
    catchment: [['68100', 'Mulhouse', '68224'], ['68200', 'Mulhouse', '68224'], ['68400', 'Riedisheim', '68278'], ['68110', 'Illzach', '68154'],
      ['68260', 'Kingersheim', '68166'], ['68270', 'Wittenheim', '68376']],
  },
  {
    key: 'metz-saint-thiebault', name: 'Cabinet médical Saint-Thiébault', legalName: 'SCM Médecins Saint-Thiébault', region: 'alsace-moselle',
    kind: 'general', hours: 'weekdays', phonePrefixes: ['+33387'],
    sites: [{ label: 'Cabinet', addressLine: '10 place Saint-Thiébault', postalCode: '57000', city: 'Metz', floor: '1er étage', digicode: '5700',
      parking: 'Parking Saint-Thiébault, sous la place', transport: 'Mettis lignes A et B, arrêt République', accessNotes: null,
      latitude: 49.114, longitude: 6.1765 }],
    team: [{ ...GP, count: 2 }],
    catchment: [['57000', 'Metz', '57463'], ['57050', 'Metz', '57463'], ['57950', 'Montigny-lès-Metz', '57480'], ['57140', 'Woippy', '57751'],
      ['57050', 'Longeville-lès-Metz', '57412']],
  },
  {
    key: 'fort-de-france-savane', name: 'Cabinet médical de la Savane', legalName: 'SCM Médecins de la Savane', region: 'martinique', kind: 'general',
    hours: 'martinique', phonePrefixes: ['+596596'],
    sites: [{ label: 'Cabinet', addressLine: '32 rue de la Liberté', postalCode: '97200', city: 'Fort-de-France', floor: '1er étage', digicode: null,
      parking: 'Parking de la Savane ou parking Pointe Simon', transport: 'Bus Mozaïk, arrêt La Savane ; navette maritime depuis les Trois-Îlets',
      accessNotes: 'Escalier à droite de la bijouterie.', latitude: 14.6035, longitude: -61.068 }],
    team: [{ ...GP, count: 2 }],
    catchment: [['97200', 'Fort-de-France', '97209'], ['97234', 'Fort-de-France', '97209'], ['97233', 'Schœlcher', '97229'],
      ['97232', 'Le Lamentin', '97213'], ['97212', 'Saint-Joseph', '97224']],
  },
  {
    key: 'le-lamentin', name: 'Cabinet de kinésithérapie du Lamentin', legalName: 'SCM Kiné Lamentin', region: 'martinique', kind: 'physio',
    hours: 'martinique', phonePrefixes: ['+596596'],
    sites: [{ label: 'Cabinet', addressLine: '5 rue Césaire Philémon, quartier Place d’Armes', postalCode: '97232', city: 'Le Lamentin',
      floor: 'Rez-de-chaussée', digicode: null, parking: 'Parking privé devant le cabinet', transport: 'Bus Mozaïk, arrêt Place d’Armes',
      accessNotes: null, latitude: 14.6125, longitude: -60.9985 }],
    team: [team('kinesitherapeute', null), team('podologue', null)],
    catchment: [['97232', 'Le Lamentin', '97213'], ['97224', 'Ducos', '97207'], ['97231', 'Le Robert', '97222'], ['97215', 'Rivière-Salée', '97221'],
      ['97200', 'Fort-de-France', '97209']],
  },
  {
    key: 'saint-denis-barachois', name: 'Cabinet médical du Barachois', legalName: 'SCM Médecins du Barachois', region: 'reunion', kind: 'general',
    hours: 'reunion', phonePrefixes: ['+262262'],
    sites: [{ label: 'Cabinet', addressLine: '45 rue de Paris', postalCode: '97400', city: 'Saint-Denis', floor: '1er étage', digicode: '9740',
      parking: 'Parking du Barachois', transport: 'Bus Citalis, arrêt Barachois', accessNotes: null, latitude: -20.8785, longitude: 55.449 }],
    team: [{ ...GP, count: 2 }],
    catchment: [['97400', 'Saint-Denis', '97411'], ['97490', 'Saint-Denis', '97411'], ['97438', 'Sainte-Marie', '97418'],
      ['97419', 'La Possession', '97408'], ['97441', 'Sainte-Suzanne', '97420']],
  },
  {
    key: 'saint-pierre-front-de-mer', name: 'Cabinet dentaire du Front de Mer', legalName: 'SELARL Dentaire Front de Mer', region: 'reunion', kind: 'dental',
    hours: 'reunion', phonePrefixes: ['+262262'],
    sites: [{ label: 'Cabinet', addressLine: '12 boulevard Hubert Delisle', postalCode: '97410', city: 'Saint-Pierre', floor: '2e étage', digicode: '9741',
      parking: 'Parking du front de mer', transport: 'Car Jaune, gare routière de Saint-Pierre ; réseau Alternéo', accessNotes: null,
      latitude: -21.3415, longitude: 55.4775 }],
    team: [team('dentiste', null, 2)],
    catchment: [['97410', 'Saint-Pierre', '97416'], ['97430', 'Le Tampon', '97422'], ['97450', 'Saint-Louis', '97414'], ['97429', 'Petite-Île', '97405']],
  },
];

/** Practitioners who also work in a second practice: [their practice, their profession there, the other practice]. */
export const SHARED_PRACTITIONERS: readonly (readonly [string, Profession, string])[] = [
  ['lyon-part-dieu', 'sage_femme', 'lyon-jean-mace'],
  ['lyon-part-dieu', 'infirmier', 'villeurbanne'],
];

/** Towns patients were born in when not in their own area (INSEE codes; 99xxx = abroad). */
export const OTHER_BIRTH_PLACES: readonly Town[] = [
  ['', 'Paris 14e', '75114'], ['', 'Paris 12e', '75112'], ['', 'Lyon', '69383'], ['', 'Marseille', '13205'], ['', 'Bordeaux', '33063'],
  ['', 'Lille', '59350'], ['', 'Nantes', '44109'], ['', 'Toulouse', '31555'], ['', 'Strasbourg', '67482'], ['', 'Rennes', '35238'],
  ['', 'Montpellier', '34172'], ['', 'Nice', '06088'], ['', 'Grenoble', '38185'], ['', 'Rouen', '76540'], ['', 'Dijon', '21231'],
  ['', 'Tours', '37261'], ['', 'Limoges', '87085'], ['', 'Clermont-Ferrand', '63113'], ['', 'Reims', '51454'], ['', 'Brest', '29019'],
  ['', 'Nancy', '54395'], ['', 'Le Havre', '76351'], ['', 'Angers', '49007'], ['', 'Caen', '14118'], ['', 'Orléans', '45234'],
  ['', 'Amiens', '80021'], ['', 'Perpignan', '66136'], ['', 'Pau', '64445'], ['', 'Colmar', '68066'], ['', 'Metz', '57463'],
];

export const ABROAD_BIRTH_PLACES: readonly Town[] = [
  ['', 'Algérie', '99352'], ['', 'Maroc', '99350'], ['', 'Tunisie', '99351'], ['', 'Portugal', '99139'], ['', 'Italie', '99127'],
  ['', 'Espagne', '99134'], ['', 'Belgique', '99131'], ['', 'Allemagne', '99109'], ['', 'Sénégal', '99341'], ['', 'Madagascar', '99333'],
];
