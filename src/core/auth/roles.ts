/** Roles and what each may do. Visibility (which practices) is the scope's job; this is about actions. */
export const ROLES = ['admin', 'supervisor', 'trainer', 'agent', 'practitioner'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'practice.read': ['admin', 'supervisor', 'trainer', 'agent', 'practitioner'],
  'practice.write': ['admin'],
  'practitioner.read': ['admin', 'supervisor', 'trainer', 'agent', 'practitioner'],
  'practitioner.write': ['admin'],
  'patient.read': ['admin', 'supervisor', 'trainer', 'agent', 'practitioner'],
  'patient.write': ['admin', 'supervisor', 'agent', 'practitioner'],
  'user.read': ['admin', 'supervisor'],
  'user.write': ['admin'],
  'audit.read': ['admin'],
  // Agenda: everyone in scope reads it; admins and the practitioner himself configure motifs and ranges;
  // absences are also entered by agents when a practitioner phones them in.
  'agenda.read': ['admin', 'supervisor', 'trainer', 'agent', 'practitioner'],
  'agenda.configure': ['admin', 'supervisor', 'practitioner'],
  'absence.write': ['admin', 'supervisor', 'agent', 'practitioner'],
  'appointment.read': ['admin', 'supervisor', 'trainer', 'agent', 'practitioner'],
  'appointment.write': ['admin', 'supervisor', 'agent', 'practitioner'],
  // A call made by hand for training or a demo: anyone who answers calls or teaches how to.
  'call.simulate': ['admin', 'supervisor', 'trainer', 'agent'],
  // Messages to practitioners: agents take them; the practitioner acknowledges and answers his own.
  'message.read': ['admin', 'supervisor', 'trainer', 'agent', 'practitioner'],
  'message.write': ['admin', 'supervisor', 'agent'],
  'message.process': ['admin', 'supervisor', 'agent', 'practitioner'],
  'message.acknowledge': ['admin', 'supervisor', 'practitioner'],
  'message.answer': ['admin', 'supervisor', 'practitioner'],
  'message.configure': ['admin', 'supervisor'],
  'message.preferences': ['admin', 'supervisor', 'practitioner'],
  // Notifications: who sees what was sent, who sets reminders and deadlines.
  'delivery.read': ['admin', 'supervisor', 'agent', 'practitioner'],
  'notify.configure': ['admin', 'supervisor'],
  // Billing: the company's admins run it; a practitioner reads his own practice's issued invoices.
  'billing.manage': ['admin'],
  'invoice.read': ['admin', 'practitioner'],
  // Open doors (interop): the practitioner's own calendar feed; webhooks and API clients are the admin's.
  'ics.manage': ['practitioner'],
  'webhook.manage': ['admin'],
  'apiclient.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Roles whose scope is the whole organisation; the others see the practices they are assigned to. */
export function seesWholeOrganisation(role: Role): boolean {
  return role === 'admin' || role === 'supervisor';
}
