import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** New identifiers: UUIDv7 for rows (time-ordered cursors), random share tokens. */
@Injectable()
export class IdGenerator {
  id(): string {
    return uuidv7();
  }

  /** 32 random bytes, url-safe: the share token is the capability, so it must not be guessable. */
  shareToken(): string {
    return randomBytes(32).toString('base64url');
  }
}
