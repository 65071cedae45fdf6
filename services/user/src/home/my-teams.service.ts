import { Injectable } from '@nestjs/common';
import {
  type AccountActor,
  CursorPaginationQueryDto,
  cursorAfter,
  idCursor,
  type Page,
  toPage,
} from '@prodvor/platform';
import { MyTeamDto } from './dto/my-teams.dto';
import type { MyMembership } from './home.model';
import { HomeTeamsRepository } from './repositories/home-teams.repository';

/** Teams one user's home view looks at: more than any player really has, so every query stays bounded. */
export const MAX_TEAMS_PER_USER = 200;

@Injectable()
export class MyTeamsService {
  constructor(private readonly teams: HomeTeamsRepository) {}

  /** The caller's teams (not archived) with their role, ordered by team id. */
  async list(actor: AccountActor, query: CursorPaginationQueryDto): Promise<Page<MyTeamDto>> {
    const after = cursorAfter(query.cursor, idCursor)?.id;
    const rows = await this.teams.myTeams(actor.userId, query.limit + 1, after);
    return toPage(rows, query.limit, (row) => ({ id: row.teamId }), MyTeamDto.from);
  }

  /** The caller's teams for the other lists (bounded). */
  memberships(userId: string): Promise<MyMembership[]> {
    return this.teams.myTeams(userId, MAX_TEAMS_PER_USER);
  }
}
