/**
 * French given names by generation (what parents chose in those years) and surnames by region, for
 * identities people recognise as plausible. Curated by hand; no real person is meant.
 */
export type Sex = 'F' | 'M';

/** Given names by birth-year band: [first year of the band, names]. */
export const GIVEN_NAMES: Record<Sex, readonly (readonly [number, readonly string[]])[]> = {
  F: [
    [1900, ['Jeanne', 'Marie', 'Marguerite', 'Germaine', 'Yvonne', 'Suzanne', 'Madeleine', 'Paulette', 'Simone', 'Denise', 'Odette',
      'Lucienne', 'Raymonde', 'Andrée', 'Henriette', 'Georgette', 'Marcelle', 'Gisèle', 'Colette', 'Jacqueline', 'Monique', 'Geneviève',
      'Renée', 'Thérèse', 'Huguette', 'Ginette', 'Lucette']],
    [1950, ['Martine', 'Nicole', 'Françoise', 'Catherine', 'Sylvie', 'Christine', 'Isabelle', 'Brigitte', 'Nathalie', 'Chantal', 'Dominique',
      'Véronique', 'Évelyne', 'Patricia', 'Danielle', 'Josiane', 'Béatrice', 'Hélène', 'Marie-Claude', 'Marie-Christine', 'Annie', 'Joëlle',
      'Corinne', 'Pascale', 'Valérie', 'Maryse', 'Marie-Josée', 'Mireille']],
    [1975, ['Céline', 'Aurélie', 'Stéphanie', 'Sandrine', 'Émilie', 'Julie', 'Audrey', 'Élodie', 'Virginie', 'Caroline', 'Laetitia', 'Mélanie',
      'Sophie', 'Anne-Sophie', 'Delphine', 'Karine', 'Amandine', 'Marion', 'Claire', 'Vanessa', 'Laure', 'Séverine', 'Gaëlle', 'Hélène',
      'Nadège', 'Magali', 'Marie-Hélène', 'Cécile']],
    [1995, ['Camille', 'Manon', 'Léa', 'Chloé', 'Sarah', 'Pauline', 'Marine', 'Mathilde', 'Clara', 'Inès', 'Océane', 'Justine', 'Laura',
      'Anaïs', 'Lucie', 'Margaux', 'Juliette', 'Emma', 'Maëlle', 'Célia', 'Noémie', 'Elsa', 'Morgane', 'Charlotte']],
    [2010, ['Emma', 'Jade', 'Louise', 'Alice', 'Chloé', 'Lina', 'Léa', 'Rose', 'Anna', 'Mila', 'Inès', 'Ambre', 'Julia', 'Mia', 'Léna', 'Zoé',
      'Agathe', 'Romy', 'Iris', 'Lou', 'Jeanne', 'Capucine', 'Nina', 'Héloïse', 'Adèle']],
  ],
  M: [
    [1900, ['Jean', 'Pierre', 'André', 'René', 'Marcel', 'Roger', 'Louis', 'Georges', 'Henri', 'Robert', 'Maurice', 'Lucien', 'Raymond', 'Paul',
      'Joseph', 'Fernand', 'Gérard', 'Jacques', 'Bernard', 'Claude', 'Michel', 'Gilbert', 'Émile', 'Albert', 'Roland']],
    [1950, ['Philippe', 'Alain', 'Patrick', 'Michel', 'Daniel', 'Christian', 'Jean-Pierre', 'Jean-Claude', 'Éric', 'Didier', 'Pascal', 'Thierry',
      'Gérard', 'Jean-Luc', 'Dominique', 'Serge', 'Bruno', 'Francis', 'Joël', 'Hervé', 'Gilles', 'Jean-Marc', 'Jean-François', 'Denis', 'Yves',
      'Jean-Michel']],
    [1975, ['Nicolas', 'Sébastien', 'Julien', 'Christophe', 'Stéphane', 'David', 'Frédéric', 'Jérôme', 'Cédric', 'Guillaume', 'Mickaël',
      'Vincent', 'Olivier', 'Laurent', 'Romain', 'Fabien', 'Arnaud', 'Grégory', 'Anthony', 'Jérémy', 'Benoît', 'Mathieu', 'Yannick',
      'François', 'Loïc', 'Ludovic', 'Fabrice']],
    [1995, ['Thomas', 'Lucas', 'Hugo', 'Maxime', 'Alexandre', 'Théo', 'Quentin', 'Antoine', 'Clément', 'Kévin', 'Valentin', 'Paul', 'Louis',
      'Baptiste', 'Enzo', 'Nathan', 'Mathis', 'Florian', 'Dylan', 'Corentin', 'Raphaël', 'Adrien', 'Bastien', 'Jules']],
    [2010, ['Gabriel', 'Léo', 'Raphaël', 'Louis', 'Arthur', 'Jules', 'Adam', 'Lucas', 'Hugo', 'Maël', 'Noah', 'Sacha', 'Gabin', 'Nathan',
      'Aaron', 'Tom', 'Éthan', 'Timéo', 'Paul', 'Martin', 'Léon', 'Victor', 'Noé', 'Liam', 'Malo']],
  ],
};

/** Second and third given names, the classic ones, whatever the generation. */
export const MIDDLE_NAMES: Record<Sex, readonly string[]> = {
  F: ['Marie', 'Anne', 'Louise', 'Jeanne', 'Hélène', 'Claire', 'Françoise', 'Catherine', 'Élisabeth', 'Thérèse', 'Rose', 'Alice', 'Madeleine',
    'Cécile', 'Geneviève', 'Élise'],
  M: ['Pierre', 'Jean', 'Louis', 'Joseph', 'Paul', 'André', 'Henri', 'Jacques', 'Philippe', 'Michel', 'François', 'Antoine', 'Charles',
    'Marie', 'Étienne', 'Xavier'],
};

/** Extra given names heard more often in the overseas departments. */
export const OVERSEAS_GIVEN_NAMES: Record<Sex, readonly string[]> = {
  F: ['Marie-Josée', 'Nadège', 'Ketty', 'Mylène', 'Lucette', 'Murielle', 'Sabine', 'Line', 'Marie-Line', 'Ginette', 'Océane', 'Kelly'],
  M: ['Jean-Max', 'Teddy', 'Jean-Hugues', 'Willy', 'Rudy', 'Ludovic', 'Fabrice', 'Jean-Michel', 'Johnny', 'Jean-Marc', 'Kévin', 'Dimitri'],
};

export const SURNAMES_FRANCE: readonly string[] = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefèvre',
  'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent',
  'Lefebvre', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier',
  'Garcia', 'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson', 'Marchand', 'Duval',
  'Denis', 'Dumont', 'Lemaire', 'Noël', 'Dufour', 'Meunier', 'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet',
  'Gaillard', 'Barbier', 'Arnaud', 'Martinez', 'Gérard', 'Roche', 'Renard', 'Roy', 'Leroux', 'Colin', 'Vidal', 'Caron', 'Picard',
  'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier', 'Philippe', 'Bourgeois', 'Pierre', 'Benoît', 'Rey',
  'Leclerc', 'Rolland', 'Leclercq', 'Guillaume', 'Lecomte', 'Lopez', 'Dupuy', 'Guillot', 'Hubert', 'Berger', 'Carpentier', 'Sanchez',
  'Dupuis', 'Moulin', 'Deschamps', 'Huet', 'Vasseur', 'Perez', 'Boucher', 'Fleury', 'Royer', 'Jacquet', 'Adam', 'Poirier', 'Marty',
  'Aubry', 'Guyot', 'Carré', 'Charpentier', 'Ménard', 'Maillard', 'Baron', 'Bertin', 'Bailly', 'Hervé', 'Le Gall', 'Collet', 'Léger',
  'Bouvier', 'Julien', 'Prévost', 'Millet', 'Perrot', 'Le Roux', 'Cousin', 'Germain', 'Breton', 'Besson', 'Langlois', 'Rémy', 'Le Goff',
  'Pelletier', 'Lévêque', 'Perrier', 'Leblanc', 'Barré', 'Lebrun', 'Marchal', 'Mallet', 'Hamon', 'Boulanger', 'Jacob', 'Monnier',
  'Michaud', 'Guichard', 'Gillet', 'Étienne', 'Poulain', 'Tessier', 'Chevallier', 'Chauvin', 'Bouchet', 'Lemaître', 'Bénard', 'Maréchal',
  'Humbert', 'Reynaud', 'Antoine', 'Perret', 'Barthélemy', 'Cordier', 'Pichon', 'Lejeune', 'Gilbert', 'Lamy', 'Delaunay', 'Pasquier',
  'Carlier', 'Laporte', 'Thébault', 'Chrétien', 'Lemercier', 'Desjardins', 'Béranger', "D'Almeida", 'Le Bihan', 'Kerbrat', 'Jézéquel',
];

/** Surnames from families that came from elsewhere, part of every French city's population. */
export const SURNAMES_MIGRATION: readonly string[] = [
  'Benali', 'Haddad', 'Mansouri', 'Bouzid', 'Khelifi', 'Chérif', 'Ben Ahmed', 'El Amrani', 'Belkacem', 'Diallo', 'Traoré', 'Coulibaly',
  'Nguyen', 'Tran', 'Pereira', 'Da Costa', 'Ferreira', 'Rodrigues', 'Gonçalves', 'Da Silva', 'Fernandes', 'Dos Santos', 'Rossi',
  'Ferrari', 'Esposito', 'Kaya', 'Yilmaz', 'Cohen', 'Lévy', 'Kowalski',
];

export const SURNAMES_ALSACE_MOSELLE: readonly string[] = [
  'Muller', 'Schmitt', 'Meyer', 'Weber', 'Klein', 'Fischer', 'Wagner', 'Koenig', 'Schneider', 'Roth', 'Hoffmann', 'Wolff', 'Keller',
  'Zimmermann', 'Frey', 'Walter', 'Huber', 'Bauer', 'Hartmann', 'Kieffer', 'Ehrhardt', 'Lang', 'Jung', 'Kuntz', 'Becker', 'Schaeffer',
  'Heitz', 'Gross', 'Ott', 'Burger', 'Stoffel', 'Wendling', 'Schwartz', 'Lorentz',
];

export const SURNAMES_MARTINIQUE: readonly string[] = [
  'Jean-Baptiste', 'Marie-Sainte', 'Louis-Sidney', 'Bellance', 'Lordinot', 'Césaire', 'Zobda', 'Sainte-Luce', 'Rosette', 'Édouard',
  'Théodose', 'Larcher', 'Alexandre', 'Monrose', 'Rapon', 'Jean-Louis', 'Nestoret', 'Pierre-Justin', 'Sylvestre', 'Joseph', 'Charles',
  'Louis', 'Marie-Louise', 'Saint-Aimé', 'Lamon', 'Ursulet',
];

export const SURNAMES_REUNION: readonly string[] = [
  'Payet', 'Hoarau', 'Grondin', 'Técher', 'Fontaine', 'Rivière', 'Maillot', 'Boyer', 'Dijoux', 'Nativel', 'Lebon', 'Turpin', 'Ethève',
  'Lauret', 'Ramassamy', 'Virapoullé', 'Mussard', 'Hoareau', 'Sautron', 'Bègue', 'Clain', 'Cadet', 'Robert', 'Morel', 'Gonthier',
  'Dalleau', 'Baillif', 'Damour',
];
