import { Injectable } from '@nestjs/common';
import { type AccountActor, Clock, CursorPaginationQueryDto, cursorAfter, type Page, toPage } from '@prodvor/platform';
import { z } from 'zod';
import {
  actionSortKey,
  captainTeamIds,
  confirmResultActions,
  deciderTeamIds,
  invitationActions,
  joinRequestActions,
  rsvpActions,
  RSVP_HORIZON_MS,
} from './action-rules';
import type { MyActionDto } from './dto/my-actions.dto';
import { MyEventsService } from './my-events.service';
import { MyTeamsService } from './my-teams.service';
import { HomeMatchesRepository } from './repositories/home-matches.repository';
import { HomeRequestsRepository } from './repositories/home-requests.repository';
import { HomeTeamsRepository } from './repositories/home-teams.repository';

/** Items of one kind looked at per request: the list is built in memory, so each source is bounded. */
export const MAX_ACTIONS_PER_KIND = 200;

const actionCursor = z.object({ k: z.string().min(1).max(300) });

/** What the caller must do now, from the read models, ordered by deadline (none last). */
@Injectable()
export class MyActionsService {
  constructor(
    private readonly myTeams: MyTeamsService,
    private readonly events: MyEventsService,
    private readonly requests: HomeRequestsRepository,
    private readonly matches: HomeMatchesRepository,
    private readonly teams: HomeTeamsRepository,
    private readonly clock: Clock,
  ) {}

  async list(actor: AccountActor, query: CursorPaginationQueryDto): Promise<Page<MyActionDto>> {
    const after = cursorAfter(query.cursor, actionCursor)?.k;
    const all = await this.all(actor.userId);
    const rows = all.filter((a) => after === undefined || actionSortKey(a) > after);
    return toPage(rows.slice(0, query.limit + 1), query.limit, (a) => ({ k: actionSortKey(a) }));
  }

  async all(userId: string): Promise<MyActionDto[]> {
    const now = this.clock.now();
    const memberships = await this.myTeams.memberships(userId);
    const [invitations, joinRequests, awaiting, schedule] = await Promise.all([
      this.requests.pendingInvitations(userId, now, MAX_ACTIONS_PER_KIND),
      this.requests.pendingJoinRequests(deciderTeamIds(memberships), MAX_ACTIONS_PER_KIND),
      this.matches.awaitingConfirmation(captainTeamIds(memberships), now, MAX_ACTIONS_PER_KIND),
      this.events.occurrences(userId, memberships, now, new Date(now.getTime() + RSVP_HORIZON_MS)),
    ]);
    const teamIds = awaiting.flatMap((m) => [m.homeTeamId, m.awayTeamId]).filter((id): id is string => id !== null);
    const teams = await this.teams.teams([...new Set(teamIds)]);
    const actions = [
      ...invitationActions(invitations, now),
      ...joinRequestActions(joinRequests, memberships),
      ...confirmResultActions(awaiting, memberships, teams, now),
      ...rsvpActions(schedule.events, [...schedule.answers.values()], memberships, now).slice(0, MAX_ACTIONS_PER_KIND),
    ];
    return actions.sort((a, b) => (actionSortKey(a) < actionSortKey(b) ? -1 : 1));
  }
}
