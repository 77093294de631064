import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A password policy users understand: at least 8 characters, letters and digits. */
export function passwordProblem(password: string): 'too_short' | 'too_simple' | null {
  if (password.length < 8) return 'too_short';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'too_simple';
  return null;
}
