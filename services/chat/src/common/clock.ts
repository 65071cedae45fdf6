import { Injectable } from '@nestjs/common';

/** The current time, behind a provider so tests can move it (mutes, read receipts). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
