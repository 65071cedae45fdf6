import { publicImageLinks } from '@prodvor/contracts';

/** A team's name and logo links for public pages; nothing when the team is not in the view (yet). */
export interface TeamDisplay {
  name: string;
  logoMediaId: string | null;
}

export function teamDisplay(team: TeamDisplay | undefined) {
  if (!team) return {};
  return {
    teamName: team.name,
    ...(team.logoMediaId ? { teamLogo: publicImageLinks('team_logo', team.logoMediaId) } : {}),
  };
}
