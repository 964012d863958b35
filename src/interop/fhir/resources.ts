/** Relais rows as FHIR R4 resources, and OperationOutcome. Pure. */
export const RPPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
export const MOTIF_SYSTEM = 'urn:relais:motif';

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: { severity: 'error'; code: string; diagnostics: string; expression?: string[] }[];
}

export function outcome(code: string, diagnostics: string, expression?: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics, ...(expression ? { expression: [expression] } : {}) }] };
}

const GENDER = { F: 'female', M: 'male', I: 'other' } as const;

export function patientResource(p: {
  id: string;
  birthName: string;
  usualName: string | null;
  firstGivenName: string;
  givenNames: string[];
  birthDate: string;
  sex: 'F' | 'M' | 'I';
  mobilePhone: string | null;
  identityStatus: string;
}) {
  return {
    resourceType: 'Patient' as const,
    id: p.id,
    meta: { tag: [{ system: 'urn:relais:identity-status', code: p.identityStatus }] },
    name: [
      { use: 'official' as const, family: p.birthName, given: p.givenNames.length ? p.givenNames : [p.firstGivenName] },
      ...(p.usualName ? [{ use: 'usual' as const, family: p.usualName, given: [p.firstGivenName] }] : []),
    ],
    gender: GENDER[p.sex],
    birthDate: p.birthDate,
    ...(p.mobilePhone ? { telecom: [{ system: 'phone' as const, value: p.mobilePhone, use: 'mobile' as const }] } : {}),
  };
}

const STATUS = { booked: 'booked', honoured: 'fulfilled', cancelled: 'cancelled', no_show: 'noshow' } as const;

export function appointmentResource(a: {
  id: string;
  status: keyof typeof STATUS;
  start: string;
  end: string;
  patientId: string;
  practitionerId: string;
  motifId: string;
  cancelReason?: string | null;
}) {
  return {
    resourceType: 'Appointment' as const,
    id: a.id,
    status: STATUS[a.status],
    appointmentType: { coding: [{ system: MOTIF_SYSTEM, code: a.motifId }] },
    start: a.start,
    end: a.end,
    ...(a.cancelReason ? { cancelationReason: { text: a.cancelReason } } : {}),
    participant: [
      { actor: { reference: `Patient/${a.patientId}` }, status: 'accepted' as const },
      { actor: { reference: `Practitioner/${a.practitionerId}` }, status: 'accepted' as const },
    ],
  };
}

export function searchBundle<T extends { resourceType: string; id: string }>(resources: T[], baseUrl: string) {
  return {
    resourceType: 'Bundle' as const,
    type: 'searchset' as const,
    total: resources.length,
    entry: resources.map((r) => ({ fullUrl: `${baseUrl}/${r.resourceType}/${r.id}`, resource: r, search: { mode: 'match' as const } })),
  };
}

export function capabilityStatement(o: { baseUrl: string; version: string; date: string }) {
  const interaction = (codes: string[]) => codes.map((code) => ({ code }));
  return {
    resourceType: 'CapabilityStatement' as const,
    status: 'active' as const,
    date: o.date,
    kind: 'instance' as const,
    software: { name: 'Relais', version: o.version },
    implementation: { description: 'Relais FHIR R4 API', url: o.baseUrl },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server' as const,
        security: {
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }] }],
          description: 'OAuth 2 client credentials: POST /fhir/R4/token',
        },
        resource: [
          { type: 'Patient', interaction: interaction(['read']) },
          {
            type: 'Appointment',
            interaction: interaction(['read', 'search-type', 'create', 'update']),
            searchParam: [
              { name: 'patient', type: 'reference' as const },
              { name: 'practitioner', type: 'reference' as const },
              { name: 'date', type: 'date' as const },
            ],
          },
        ],
      },
    ],
  };
}
