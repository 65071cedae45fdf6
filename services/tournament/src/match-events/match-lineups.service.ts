import { Injectable } from '@nestjs/common';
import { publicImageLinks } from '@prodvor/contracts';
import { type Actor, UserProfiles } from '@prodvor/platform';
import { MatchContext } from '../matches/match-context';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import type { MatchLineupsViewDto } from './dto/match-lineups-view.dto';
import { MatchLineupsRepository } from './match-lineups.repository';

/** Who plays in a match, as anyone who may see the match reads it: names, avatars, logos. */
@Injectable()
export class MatchLineupsService {
  constructor(
    private readonly context: MatchContext,
    private readonly lineups: MatchLineupsRepository,
    private readonly teams: TeamViewsRepository,
    private readonly players: UserProfiles,
  ) {}

  async view(matchId: string, actor: Actor | undefined): Promise<MatchLineupsViewDto> {
    const { match } = await this.context.viewable(matchId, actor);
    const teamIds = [match.homeTeamId, match.awayTeamId].filter((id): id is string => id !== null);
    const rows = await this.lineups.ofMatch(matchId);
    const [teams, profiles] = await Promise.all([
      this.teams.displays(teamIds),
      this.players.profiles(rows.map((r) => r.playerId)),
    ]);
    return {
      matchId,
      teams: teamIds.map((teamId) => {
        const team = teams.get(teamId);
        return {
          teamId,
          ...(team ? { teamName: team.name } : {}),
          logo: team?.logoMediaId ? publicImageLinks('team_logo', team.logoMediaId) : null,
          players: rows
            .filter((r) => r.teamId === teamId)
            .map((r) => {
              const profile = profiles.get(r.playerId);
              return {
                playerId: r.playerId,
                displayName: profile?.displayName ?? null,
                avatar: profile?.avatarMediaId ? publicImageLinks('avatar', profile.avatarMediaId) : null,
                goalkeeper: r.goalkeeper,
              };
            }),
        };
      }),
    };
  }
}
