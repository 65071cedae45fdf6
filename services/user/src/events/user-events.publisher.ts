import { Injectable } from '@nestjs/common';
import {
  createEnvelope,
  envelopeSchemaFor,
  Topics,
  type UserDeleted,
  type UserEmailVerified,
  type UserProfileUpdated,
  type UserRegistered,
} from '@prodvor/contracts';
import { appendToOutbox, Clock } from '@prodvor/platform';
import type { Tx } from '../database/transaction-runner';

/** Every event user-service produces, by type, with its contract payload. */
export interface UserEventData {
  'user.registered': UserRegistered;
  'user.profile.updated': UserProfileUpdated;
  'user.deleted': UserDeleted;
  'user.email_verified': UserEmailVerified;
}
export type UserEventType = keyof UserEventData;

export const USER_SERVICE = 'user';

/**
 * The one way events leave user-service: an outbox row in the caller's transaction (the event exists
 * if and only if the change commits), relayed to `user.events.v1` keyed by user id.
 */
@Injectable()
export class UserEventsPublisher {
  constructor(private readonly clock: Clock) {}

  async publish<T extends UserEventType>(
    tx: Tx,
    type: T,
    data: UserEventData[T],
    correlationId: string,
  ): Promise<void> {
    const envelope = createEnvelope({
      type,
      producer: USER_SERVICE,
      subject: data.userId,
      correlationId,
      data,
      now: this.clock.now(),
    });
    envelopeSchemaFor(type).parse(envelope);
    await appendToOutbox(tx, { topic: Topics.userEvents, key: data.userId, envelope });
  }
}
