import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';

/** UUIDv7 ids: time-ordered, so history ordered by id follows send order. */
@Injectable()
export class IdGenerator {
  id(): string {
    return uuidv7();
  }
}
