import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';

/** New row ids: UUIDv7, time-ordered, so cursors follow creation order. */
@Injectable()
export class IdGenerator {
  id(): string {
    return uuidv7();
  }
}
