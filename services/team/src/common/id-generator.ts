import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** New identifiers: UUIDv7 for rows (time-ordered, so cursors follow creation order), random invite codes. */
@Injectable()
export class IdGenerator {
  id(): string {
    return uuidv7();
  }

  /** 10 url-safe characters (60 bits): short enough for a link, too many to guess. */
  inviteCode(): string {
    return randomBytes(8).toString('base64url').slice(0, 10);
  }
}
