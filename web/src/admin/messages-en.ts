/** The back office's texts in English: the compiler checks that every French key is translated. */
import type { adminFr } from './messages-fr.ts';

export const adminEn: Record<keyof typeof adminFr, string> = {
  'team.new': 'New user',
  'team.search': 'Search (name, email)',
  'team.allRoles': 'All roles',
  'team.showInactive': 'Show deactivated accounts',
  'team.none': 'No user matches.',
  'team.dedicatedShort': 'dedicated',
  'team.practicesHelp': 'The practices whose calls she takes.',
  'team.dedicated': 'Dedicated secretary of',
  'team.dedicatedHelp': 'Calls of these practices are offered to her first.',
  'team.practitioner': 'Practitioner',
  'team.initialPassword': 'Initial password',
  'team.initialPasswordHelp': 'Give it to the user; at least 12 characters.',
  'team.generate': 'Generate',
  'team.save': 'Save',
  'team.create': 'Create the user',
  'team.resetHelp': 'A new password ends all of the user’s sessions.',
  'team.resetPassword': 'Reset the password',
  'team.newPassword': 'New password, to give to the user:',
  'team.deactivateHelp': 'A deactivated account can no longer sign in.',
  'team.reactivateHelp': 'This account is deactivated.',
  'team.deactivate': 'Deactivate',
  'team.reactivate': 'Reactivate',
};
