/**
 * The one catalogue of error codes Relais answers with. Codes are stable and never reused;
 * docs/errors.md lists the same codes (test/errors-catalogue.test.ts checks both ways).
 */
export interface ErrorDefinition {
  status: number;
  fr: string;
  en: string;
}

export const ERRORS = {
  validation_failed: { status: 400, fr: 'Les données envoyées sont invalides.', en: 'The request data is invalid.' },
  invalid_json: { status: 400, fr: "Le corps de la requête n'est pas un JSON valide.", en: 'The request body is not valid JSON.' },
  unsupported_media_type: { status: 415, fr: 'Type de contenu non pris en charge (JSON attendu).', en: 'Unsupported content type (JSON expected).' },
  body_too_large: { status: 413, fr: 'Le corps de la requête est trop volumineux.', en: 'The request body is too large.' },
  unauthenticated: { status: 401, fr: 'Veuillez vous connecter.', en: 'Please sign in.' },
  invalid_credentials: { status: 401, fr: 'Adresse e-mail ou mot de passe incorrect.', en: 'Incorrect email or password.' },
  forbidden: { status: 403, fr: "Vous n'avez pas le droit d'effectuer cette action.", en: 'You are not allowed to do this.' },
  not_found: { status: 404, fr: 'Introuvable.', en: 'Not found.' },
  route_not_found: { status: 404, fr: "Cette adresse n'existe pas.", en: 'No such route.' },
  method_not_allowed: { status: 405, fr: 'Méthode non autorisée.', en: 'Method not allowed.' },
  patient_duplicate: {
    status: 409,
    fr: 'Un patient avec les mêmes nom de naissance, prénom et date de naissance existe déjà dans ce cabinet.',
    en: 'A patient with the same birth name, first name and birth date already exists in this practice.',
  },
  identity_qualified: {
    status: 403,
    fr: "Cette identité est qualifiée : seuls le praticien ou un administrateur peuvent modifier ses traits d'identité.",
    en: 'This identity is qualified: only the practitioner or an administrator may change its identity traits.',
  },
  email_taken: { status: 409, fr: 'Cette adresse e-mail est déjà utilisée.', en: 'This email address is already in use.' },
  rpps_taken: { status: 409, fr: 'Ce numéro RPPS est déjà enregistré.', en: 'This RPPS number is already registered.' },
  phone_number_taken: { status: 409, fr: 'Ce numéro est déjà attribué à un cabinet.', en: 'This number is already assigned to a practice.' },
  slot_taken: {
    status: 409,
    fr: "Ce créneau vient d'être pris ; voici les prochains créneaux libres.",
    en: 'This slot has just been taken; here are the next free slots.',
  },
  series_conflict: {
    status: 409,
    fr: 'Certaines dates de la série ne sont pas disponibles ; rien n’a été réservé.',
    en: 'Some dates of the series are not available; nothing was booked.',
  },
  appointment_not_active: {
    status: 409,
    fr: "Ce rendez-vous n'est plus actif (annulé ou déjà clos).",
    en: 'This appointment is no longer active (cancelled or closed).',
  },
  rule_violation: { status: 422, fr: "Ce rendez-vous ne respecte pas les règles de l'agenda.", en: 'This appointment breaks the agenda rules.' },
  idempotency_key_reused: {
    status: 422,
    fr: 'Cette clé d’idempotence a déjà servi pour une autre requête.',
    en: 'This idempotency key was already used for a different request.',
  },
  outcome_too_early: { status: 422, fr: "Le rendez-vous n'a pas encore commencé.", en: 'The appointment has not started yet.' },
  signature_invalid: { status: 403, fr: "Signature de l'opérateur téléphonique absente ou invalide.", en: 'Missing or invalid telephony provider signature.' },
  call_state_changed: {
    status: 409,
    fr: "Cet appel n'est plus dans l'état attendu (déjà décroché, raccroché ou proposé à un autre agent).",
    en: 'This call is no longer in the expected state (already answered, hung up or offered to another agent).',
  },
  link_invalid: { status: 403, fr: "Ce lien n'est pas valide.", en: 'This link is not valid.' },
  link_expired: { status: 410, fr: 'Ce lien a expiré.', en: 'This link has expired.' },
  change_deadline_passed: {
    status: 422,
    fr: 'Il est trop tard pour annuler ou déplacer ce rendez-vous en ligne : merci d’appeler le cabinet.',
    en: 'It is too late to cancel or move this appointment online: please call the practice.',
  },
  offer_unavailable: {
    status: 409,
    fr: "Désolé, ce créneau vient d'être attribué à un autre patient. Vous restez sur la liste d'attente.",
    en: 'Sorry, this slot has just gone to another patient. You stay on the waiting list.',
  },
  consignes_outdated: {
    status: 409,
    fr: 'Les consignes ont été modifiées entre-temps : rechargez-les avant d’enregistrer.',
    en: 'The consignes were changed meanwhile: reload them before saving.',
  },
  staffing_target_unreachable: {
    status: 422,
    fr: 'Aucun effectif raisonnable n’atteint cette cible de niveau de service sous cette occupation maximale.',
    en: 'No reasonable staffing meets this service level target under this maximum occupancy.',
  },
  // Billing
  invoice_not_draft: {
    status: 409,
    fr: 'Cette facture est émise : elle ne peut plus être modifiée (faites un avoir).',
    en: 'This invoice has been issued: it can no longer be changed (issue a credit note).',
  },
  invoice_not_issued: { status: 409, fr: "Cette facture n'est pas encore émise.", en: 'This invoice has not been issued yet.' },
  invoice_already_credited: {
    status: 409,
    fr: 'Cette facture a déjà été annulée par un avoir.',
    en: 'This invoice has already been cancelled by a credit note.',
  },
  invoice_empty: { status: 422, fr: 'Une facture sans ligne ne peut pas être émise.', en: 'An invoice without lines cannot be issued.' },
  payment_exceeds_balance: {
    status: 422,
    fr: 'Ce paiement dépasse le reste à payer de la facture.',
    en: 'This payment exceeds what remains due on the invoice.',
  },
  contract_period_invoiced: {
    status: 409,
    fr: 'Une facture émise couvre déjà cette date : une nouvelle version du contrat ne peut commencer qu’après.',
    en: 'An issued invoice already covers this date: a new contract version can only start after it.',
  },
  practice_already_billed: { status: 409, fr: 'Ce cabinet est déjà facturé à un autre client.', en: 'This practice is already billed to another client.' },
  booking_code_invalid: { status: 422, fr: 'Code incorrect. Vérifiez le SMS reçu.', en: 'Wrong code. Check the text message you received.' },
  booking_request_expired: {
    status: 410,
    fr: 'Cette demande a expiré : recommencez la prise de rendez-vous.',
    en: 'This request has expired: please book again.',
  },
  online_booking_cap: {
    status: 429,
    fr: 'Trop de rendez-vous en ligne en attente pour ce numéro : appelez le cabinet.',
    en: 'Too many pending online appointments for this number: please call the practice.',
  },
  conflict: { status: 409, fr: 'Conflit avec une donnée existante.', en: 'Conflict with existing data.' },
  unprocessable: { status: 422, fr: 'La demande ne respecte pas les règles métier.', en: 'The request breaks a business rule.' },
  rate_limited: { status: 429, fr: 'Trop de tentatives, réessayez dans un instant.', en: 'Too many attempts, try again shortly.' },
  internal_error: { status: 500, fr: 'Erreur interne. Elle a été enregistrée.', en: 'Internal error. It has been logged.' },
  service_unavailable: { status: 503, fr: 'Service momentanément indisponible.', en: 'Service temporarily unavailable.' },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldIssue {
  /** Dotted path of the field at fault, e.g. "sites.0.postalCode". */
  field: string;
  message: string;
}

/** An error a service or route raises on purpose; the HTTP layer turns it into the catalogue's answer. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly options: { field?: string; issues?: FieldIssue[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(ERRORS[code].en, { cause: options.cause });
    this.name = 'AppError';
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

export const notFound = () => new AppError('not_found');
export const invalidField = (field: string, message: string) => new AppError('validation_failed', { field, issues: [{ field, message }] });
