/**
 * The server's own types for what the API answers, imported as types only (erased at build): when a
 * contract changes on the server, the web app stops compiling instead of breaking at run time.
 */
export type { PracticeFile, PracticeSummary } from '../../../src/practices/schemas.ts';
export type { PatientSummary, PatientSearchResult, PatientView, CreatePatientInput } from '../../../src/patients/schemas.ts';
export type { UserView } from '../../../src/users/schemas.ts';
