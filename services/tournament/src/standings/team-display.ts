import { publicImageLinks } from '@prodvor/contracts';

/** A team's name and logo links for public pages; nothing when the team is not in the view (yet). */
export function teamDisplay(team: { name: string; logoMediaId: string | null } | undefined) {
  if (!team) return {};
  return {
    teamName: team.name,
    ...(team.logoMediaId ? { teamLogo: publicImageLinks('team_logo', team.logoMediaId) } : {}),
  };
}
