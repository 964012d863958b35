/** Text normalisation shared by search and duplicate detection. */

/** Lower-case, without accents, punctuation as single spaces: "Lefèvre-D'Arc" → "lefevre d arc". */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
