import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { HomeRequestsRepository } from './repositories/home-requests.repository';
import { HomeScheduleRepository } from './repositories/home-schedule.repository';
import { HomeTeamsRepository } from './repositories/home-teams.repository';

/**
 * Removes a deleted account's rows from the home read models, in the deletion's own transaction (user-service
 * owns the deletion, so it does not consume its own `user.deleted`). The consumers never add rows for an
 * account with a tombstone, so a late event does not bring them back.
 */
@Injectable()
export class HomeForgettingService {
  constructor(
    private readonly teams: HomeTeamsRepository,
    private readonly schedule: HomeScheduleRepository,
    private readonly requests: HomeRequestsRepository,
  ) {}

  async forgetUser(tx: Tx, userId: string): Promise<void> {
    await this.teams.forgetUser(tx, userId);
    await this.schedule.forgetUser(tx, userId);
    await this.requests.forgetUser(tx, userId);
  }
}
