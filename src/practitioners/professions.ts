/** The professions and specialties Relais knows, as stable codes with their French and English labels. */

export const PROFESSIONS = {
  medecin: { fr: 'Médecin', en: 'Physician' },
  kinesitherapeute: { fr: 'Masseur-kinésithérapeute', en: 'Physiotherapist' },
  infirmier: { fr: 'Infirmier', en: 'Nurse' },
  dentiste: { fr: 'Chirurgien-dentiste', en: 'Dentist' },
  sage_femme: { fr: 'Sage-femme', en: 'Midwife' },
  orthophoniste: { fr: 'Orthophoniste', en: 'Speech therapist' },
  psychologue: { fr: 'Psychologue', en: 'Psychologist' },
  podologue: { fr: 'Pédicure-podologue', en: 'Podiatrist' },
  osteopathe: { fr: 'Ostéopathe', en: 'Osteopath' },
  orthoptiste: { fr: 'Orthoptiste', en: 'Orthoptist' },
} as const;

export type Profession = keyof typeof PROFESSIONS;
export const PROFESSION_CODES = Object.keys(PROFESSIONS) as [Profession, ...Profession[]];

export const SPECIALTIES = {
  medecine_generale: { fr: 'Médecine générale', en: 'General practice' },
  allergologie: { fr: 'Allergologie', en: 'Allergology' },
  anesthesie: { fr: 'Anesthésie-réanimation', en: 'Anaesthesiology' },
  angiologie: { fr: 'Angiologie / médecine vasculaire', en: 'Vascular medicine' },
  cardiologie: { fr: 'Cardiologie', en: 'Cardiology' },
  chirurgie_orthopedique: { fr: 'Chirurgie orthopédique', en: 'Orthopaedic surgery' },
  chirurgie_viscerale: { fr: 'Chirurgie viscérale', en: 'Visceral surgery' },
  dermatologie: { fr: 'Dermatologie', en: 'Dermatology' },
  endocrinologie: { fr: 'Endocrinologie', en: 'Endocrinology' },
  gastro_enterologie: { fr: 'Gastro-entérologie', en: 'Gastroenterology' },
  geriatrie: { fr: 'Gériatrie', en: 'Geriatrics' },
  gynecologie: { fr: 'Gynécologie', en: 'Gynaecology' },
  medecine_du_sport: { fr: 'Médecine du sport', en: 'Sports medicine' },
  nephrologie: { fr: 'Néphrologie', en: 'Nephrology' },
  neurologie: { fr: 'Neurologie', en: 'Neurology' },
  ophtalmologie: { fr: 'Ophtalmologie', en: 'Ophthalmology' },
  orl: { fr: 'ORL', en: 'Ear, nose and throat' },
  pediatrie: { fr: 'Pédiatrie', en: 'Paediatrics' },
  pneumologie: { fr: 'Pneumologie', en: 'Pulmonology' },
  psychiatrie: { fr: 'Psychiatrie', en: 'Psychiatry' },
  radiologie: { fr: 'Radiologie', en: 'Radiology' },
  rhumatologie: { fr: 'Rhumatologie', en: 'Rheumatology' },
  urologie: { fr: 'Urologie', en: 'Urology' },
  orthodontie: { fr: 'Orthodontie', en: 'Orthodontics' },
  chirurgie_orale: { fr: 'Chirurgie orale', en: 'Oral surgery' },
  kinesitherapie_du_sport: { fr: 'Kinésithérapie du sport', en: 'Sports physiotherapy' },
  reeducation_perineale: { fr: 'Rééducation périnéale', en: 'Pelvic floor rehabilitation' },
  neuropsychologie: { fr: 'Neuropsychologie', en: 'Neuropsychology' },
} as const;

export type Specialty = keyof typeof SPECIALTIES;
export const SPECIALTY_CODES = Object.keys(SPECIALTIES) as [Specialty, ...Specialty[]];
