import { createHash, randomBytes } from 'node:crypto';

/**
 * Public codes: open-link codes (one per class or school) and roster codes (one per family). 10 characters of an
 * alphabet without look-alikes (no 0/O, 1/I/L), so a code can be typed from a paper slip: 31¹⁰ ≈ 8·10¹⁴ values,
 * far beyond guessing at the public rate limit. Roster codes are stored only as SHA-256 hashes.
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;
export const CODE_PATTERN = `^[${ALPHABET}]{${CODE_LENGTH}}$`;

/** A fresh random code (rejection sampling, so every character is equally likely). */
export function newCode(): string {
  let out = '';
  while (out.length < CODE_LENGTH) {
    for (const b of randomBytes(CODE_LENGTH * 2)) {
      if (b < 248 && out.length < CODE_LENGTH) out += ALPHABET[b % ALPHABET.length];
    }
  }
  return out;
}

/** A typed code normalised: upper case, spaces and dashes dropped (slips print it as XXXXX-XXXXX). */
export function normalizeCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

export function hashCode(code: string): string {
  return createHash('sha256').update(normalizeCode(code)).digest('hex');
}

/** How a code is printed: two groups of five. */
export function printedCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
