/** Street names for patients' addresses: the ones every French town has, and some heard overseas. */
export const STREETS: readonly string[] = [
  'rue de la République', 'avenue Jean Jaurès', 'rue Victor Hugo', 'boulevard Gambetta', 'rue Pasteur', 'avenue du Général Leclerc',
  'rue des Lilas', 'rue de la Gare', 'place de l’Église', 'rue Jules Ferry', 'allée des Tilleuls', 'rue des Écoles', 'impasse des Roses',
  'chemin des Vignes', 'rue Émile Zola', 'rue du Moulin', 'rue Nationale', 'rue Carnot', 'avenue de la Libération', 'rue des Acacias',
  'rue Paul Bert', 'rue Anatole France', 'boulevard Voltaire', 'rue du Château', 'rue Jean Moulin', 'avenue Foch', 'rue de Verdun',
  'rue Saint-Martin', 'rue Lamartine', 'rue des Jardins', 'rue du 8 Mai 1945', 'square des Marronniers', 'rue Molière', 'rue de Paris',
  'avenue Pierre Brossolette', 'rue Gabriel Péri', 'rue Louis Pergaud', 'rue des Peupliers', 'rue Condorcet', 'rue de la Paix',
];

export const OVERSEAS_STREETS: Record<'martinique' | 'reunion', readonly string[]> = {
  martinique: ['rue Victor Schœlcher', 'route de Redoute', 'rue Lamartine', 'boulevard du Général de Gaulle', 'route du Lamentin',
    'chemin de Fond Lahaye', 'rue François Arago', 'route de Balata', 'cité Dillon', 'rue Ernest Deproge', 'lotissement Les Hauts de Californie'],
  reunion: ['chemin Vidot', 'rue Jean Chatel', 'rue du Maréchal Leclerc', 'chemin des Barrières', 'rue Juliette Dodu', 'allée des Lataniers',
    'rue des Flamboyants', 'chemin Lagourgue', 'rue Roland Garros', 'ruelle des Bougainvilliers', 'chemin Ligne Paradis'],
};

/** Practical notes secretaries leave on a patient's file (no health data). */
export const PATIENT_NOTES: readonly string[] = [
  'Malentendant : parler lentement et distinctement.',
  'Préfère être rappelé(e) en fin de journée.',
  'Parle peu français : sa fille sert d’interprète, la prévenir pour les rendez-vous.',
  'Rendez-vous le matin de préférence (travaille l’après-midi).',
  'Se déplace en fauteuil roulant : proposer le site de plain-pied.',
  'Ne pas laisser de message sur le répondeur.',
  'Vient accompagné(e) d’un aidant : le prévenir 48 h avant.',
  'Joignable uniquement par SMS en journée.',
  'Tutelle : joindre l’UDAF pour toute décision.',
];
