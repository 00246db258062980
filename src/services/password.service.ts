import { hash, parseOptions, verify } from '@node-rs/argon2';

/** Argon2id cost parameters; production uses the defaults, tests lower them for speed. */
export interface PasswordHashing {
  /** Memory in KiB. */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** OWASP's argon2id recommendation: 19 MiB, two passes, one lane (about 20 ms a hash). */
export const defaultPasswordHashing: PasswordHashing = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** The lowest cost argon2 accepts: for tests only, where hashing speed matters. */
export const fastPasswordHashing: PasswordHashing = {
  memoryCost: 8,
  timeCost: 1,
  parallelism: 1,
};

// @node-rs/argon2 declares its Algorithm as a const enum, which isolatedModules cannot read;
// argon2id is the library's default algorithm, so leaving it out selects it.
export async function hashPassword(
  password: string,
  hashing: PasswordHashing = defaultPasswordHashing,
): Promise<string> {
  return hash(password, hashing);
}

/** Whether a password matches a stored hash; a malformed hash never matches. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Whether a stored hash was made with weaker (or other) settings than the current ones. */
export function needsRehash(passwordHash: string, hashing: PasswordHashing): boolean {
  try {
    const used = parseOptions(passwordHash);
    return (
      used.memoryCost !== hashing.memoryCost ||
      used.timeCost !== hashing.timeCost ||
      used.parallelism !== hashing.parallelism
    );
  } catch {
    return true;
  }
}
