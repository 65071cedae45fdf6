import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** The current time, behind a provider so tests can move it (deadlines, windows, expiry). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** New identifiers: UUIDv7 row ids (time-ordered, so cursors follow creation order) and random secrets. */
@Injectable()
export class IdGenerator {
  id(): string {
    return uuidv7();
  }

  /** `bytes` random bytes as url-safe base64: a capability (share token, invite code) must not be guessable. */
  secret(bytes: number): string {
    return randomBytes(bytes).toString('base64url');
  }
}
