import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 256 bits nobody guesses, so the hash needs no salt and lookups by it are safe. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Verification tokens, behind a provider so tests can control them. A token exists only in the e-mail: the
 * database keeps its SHA-256, so a copy of the database (or of the job outbox and the broker, which never
 * see it) verifies nothing.
 */
@Injectable()
export class VerificationTokens {
  issue(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: this.digest(token) };
  }

  /** The stored form of a token, or undefined for a string that cannot be one. */
  hashOf(token: string): string | undefined {
    return TOKEN_PATTERN.test(token) ? this.digest(token) : undefined;
  }

  private digest(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
