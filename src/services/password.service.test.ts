import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import {
  defaultPasswordHashing,
  fastPasswordHashing,
  hashPassword,
  needsRehash,
  verifyPassword,
} from './password.service.ts';

describe('password hashing', () => {
  it('hashes with argon2id and verifies only the same password', async () => {
    const hash = await hashPassword('correct horse battery staple', fastPasswordHashing);
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
  });

  it('uses the OWASP parameters by default', async () => {
    const options = parseOptions(await hashPassword('a password of some length'));
    expect(options).toMatchObject({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  });

  it('never matches a malformed hash', async () => {
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });

  it('asks for a rehash when the stored cost differs from the current settings', async () => {
    const cheap = await hashPassword('a password of some length', fastPasswordHashing);
    expect(needsRehash(cheap, defaultPasswordHashing)).toBe(true);
    expect(needsRehash(cheap, fastPasswordHashing)).toBe(false);
  });
});
