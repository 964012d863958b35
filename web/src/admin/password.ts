/** A password an administrator hands to a new user or after a reset: random, readable, long enough. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generatePassword(length = 16): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  // 256 is not a multiple of the alphabet's size; the bias this leaves is negligible for 16 characters.
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}
