import { Injectable } from '@nestjs/common';

/** The current time, behind a provider so tests can move it (invitation and invite code expiry). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
