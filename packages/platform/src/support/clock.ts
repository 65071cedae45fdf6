import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';

/** The current time, behind a provider so tests can move it (deadlines, windows, expiry). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** New row ids: UUIDv7, time-ordered, so cursors follow creation order. */
@Injectable()
export class IdGenerator {
  id(): string {
    return uuidv7();
  }
}
