import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  consumedTypesSchema,
  consumerGroup,
  eventEnvelopeSchema,
  teamArchivedData,
  teamCaptainTransferredData,
  teamCreatedData,
  teamMemberJoinedData,
  teamMemberLeftData,
  teamMemberRemovedData,
  teamMemberRoleChangedData,
  teamUpdatedData,
  Topics,
} from '@prodvor/contracts';
import { claimInbox, KafkaService } from '@prodvor/platform';
import { z } from 'zod';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { TeamViewsRepository } from './team-views.repository';

const CONSUMER = consumerGroup('tournament', 'team-view');

const teamEvent = z.discriminatedUnion('type', [
  eventEnvelopeSchema('team.created', teamCreatedData),
  eventEnvelopeSchema('team.updated', teamUpdatedData),
  eventEnvelopeSchema('team.archived', teamArchivedData),
  eventEnvelopeSchema('team.member.joined', teamMemberJoinedData),
  eventEnvelopeSchema('team.member.left', teamMemberLeftData),
  eventEnvelopeSchema('team.member.removed', teamMemberRemovedData),
  eventEnvelopeSchema('team.member.role_changed', teamMemberRoleChangedData),
  eventEnvelopeSchema('team.captain.transferred', teamCaptainTransferredData),
]);
type TeamEvent = z.infer<typeof teamEvent>;
/** Known types must match their contract (else dead-lettered); types added later pass and are skipped. */
const teamEventsSchema = consumedTypesSchema(...teamEvent.options);

/** Keeps the local team read model (names, captains, rosters) from `team.events.v1`, once per event. */
@Injectable()
export class TeamEventsConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly transactions: TransactionRunner,
    private readonly teams: TeamViewsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: CONSUMER,
      topics: [Topics.teamEvents],
      schema: teamEventsSchema,
      handle: async ({ value }) => {
        const parsed = teamEvent.safeParse(value);
        if (!parsed.success) return;
        await this.transactions.run(async (tx) => {
          if (await claimInbox(tx, CONSUMER, parsed.data.id)) await this.apply(tx, parsed.data);
        });
      },
    });
  }

  private async apply(tx: Tx, event: TeamEvent): Promise<void> {
    switch (event.type) {
      case 'team.created':
        return this.teams.upsertTeam(tx, event.data.teamId, event.data.name, event.data.captainId);
      case 'team.updated':
        if (event.data.changes.name) await this.teams.rename(tx, event.data.teamId, event.data.changes.name);
        if (event.data.changes.logoMediaId !== undefined)
          await this.teams.setLogo(tx, event.data.teamId, event.data.changes.logoMediaId);
        return;
      case 'team.archived':
        return this.teams.archive(tx, event.data.teamId);
      case 'team.member.joined':
      case 'team.member.role_changed':
        return this.teams.setRole(tx, event.data.teamId, event.data.userId, event.data.role);
      case 'team.member.left':
      case 'team.member.removed':
        return this.teams.removeMember(tx, event.data.teamId, event.data.userId);
      case 'team.captain.transferred':
        await this.teams.setRole(tx, event.data.teamId, event.data.fromUserId, 'player');
        return this.teams.setRole(tx, event.data.teamId, event.data.toUserId, 'captain');
    }
  }
}
