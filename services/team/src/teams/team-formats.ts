import { teamFormat } from '@prodvor/contracts';

export const TEAM_FORMATS = teamFormat.options;
export type TeamFormat = (typeof TEAM_FORMATS)[number];

/** Players a roster may hold per format: the pitch plus a full bench. */
export const ROSTER_LIMITS: Record<TeamFormat, number> = { '5x5': 12, '7x7': 16, '11x11': 25 };

export function rosterLimit(format: string): number {
  return ROSTER_LIMITS[format as TeamFormat] ?? ROSTER_LIMITS['5x5'];
}
