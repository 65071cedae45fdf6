import { Injectable, type OnModuleInit } from '@nestjs/common';
import { consumedTypesSchema, consumerGroup, eventEnvelopeSchema, Topics, userDeletedData } from '@prodvor/contracts';
import { claimInbox, KafkaService } from '@prodvor/platform';
import { TransactionRunner } from '../database/transaction-runner';
import { MatchesRepository } from '../matches/matches.repository';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { TournamentCache } from '../tournaments/tournament-cache';

const CONSUMER = consumerGroup('tournament', 'user-deleted');

const userDeleted = eventEnvelopeSchema('user.deleted', userDeletedData);
/** `user.deleted` must match its contract (else dead-lettered); the topic's other types are skipped. */
const userEventsSchema = consumedTypesSchema(userDeleted);

/**
 * A deleted account leaves every roster of the team read model (team-service announces the removals
 * too; this does not wait for them) and every referee assignment of a match still to be played.
 * Results, events and statistics keep the bare user id: history stays, and names come from
 * user-service, which no longer has one.
 */
@Injectable()
export class UserDeletedConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly transactions: TransactionRunner,
    private readonly teams: TeamViewsRepository,
    private readonly matches: MatchesRepository,
    private readonly cache: TournamentCache,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: CONSUMER,
      topics: [Topics.userEvents],
      schema: userEventsSchema,
      handle: async ({ value }) => {
        const parsed = userDeleted.safeParse(value);
        if (!parsed.success) return;
        const { userId } = parsed.data.data;
        const touched = await this.transactions.run(async (tx) => {
          if (!(await claimInbox(tx, CONSUMER, parsed.data.id))) return [];
          await this.teams.removeUser(tx, userId);
          return this.matches.unassignReferee(tx, userId);
        });
        for (const tournamentId of touched) await this.cache.invalidate(tournamentId);
      },
    });
  }
}
