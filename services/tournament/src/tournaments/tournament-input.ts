import { STANDINGS_PRESETS } from '../domain';
import type { IdGenerator } from '@prodvor/platform';
import type { CreateTournamentDto } from './dto/create-tournament.dto';
import type { VenueInputDto } from './dto/venue.dto';
import { TournamentErrors } from './tournament.errors';
import type { FormatOptions, TournamentRules, Venue } from './tournament-settings';

const MAX_WINDOW_HOURS = 24;

export interface TournamentDates {
  startsAt: string;
  endsAt: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
}

/** Registration opens before it closes, closes no later than the start, and the start precedes the end. */
export function checkDates(dates: TournamentDates): void {
  const [opens, closes, starts, ends] = [
    dates.registrationOpensAt,
    dates.registrationClosesAt,
    dates.startsAt,
    dates.endsAt,
  ].map((d) => Date.parse(d));
  if (!(opens < closes)) throw TournamentErrors.invalidDates('registrationOpensAt must be before registrationClosesAt');
  if (!(closes <= starts)) throw TournamentErrors.invalidDates('registration must close no later than startsAt');
  if (!(starts < ends)) throw TournamentErrors.invalidDates('startsAt must be before endsAt');
}

export function checkTeamLimits(minTeams: number, maxTeams: number): void {
  if (minTeams > maxTeams) throw TournamentErrors.invalidTeamLimits();
}

export function rulesFrom(dto: CreateTournamentDto): TournamentRules {
  const preset = STANDINGS_PRESETS[dto.tieBreakerPreset ?? 'amateur_default'];
  return {
    points: { win: 3, draw: 1, loss: 0, forfeit: 0, ...dto.points },
    matchMinutes: dto.matchMinutes,
    periods: dto.periods,
    bufferMinutes: dto.bufferMinutes,
    minRestMinutes: dto.minRestMinutes,
    confirmWindowHours: dto.confirmWindowHours,
    forfeitGoals: dto.forfeitGoals,
    tieBreakers: dto.tieBreakers ? [...dto.tieBreakers] : [...preset.tieBreakers],
    reapplyHeadToHead: dto.reapplyHeadToHead ?? (dto.tieBreakers ? false : preset.reapplyHeadToHead),
  };
}

/** Format options with their defaults, checked against the team limits so fixtures can be generated later. */
export function formatOptionsFrom(dto: CreateTournamentDto, drawSeed: number): FormatOptions {
  const options = dto.options ?? {};
  const byRating = options.seeding === 'rating' ? { seeding: 'rating' as const } : {};
  switch (dto.format) {
    case 'groups_playoffs': {
      const groupCount = options.groupCount ?? 2;
      const advancePerGroup = options.advancePerGroup ?? 2;
      if (dto.minTeams < groupCount * 2)
        throw TournamentErrors.invalidFormatOptions('minTeams must give every group at least 2 teams');
      if (advancePerGroup > Math.floor(dto.minTeams / groupCount))
        throw TournamentErrors.invalidFormatOptions('advancePerGroup is larger than the smallest possible group');
      if (groupCount * advancePerGroup < 2)
        throw TournamentErrors.invalidFormatOptions('the playoff needs at least 2 teams');
      const seeding = options.seeding ?? 'snake';
      return {
        groupCount,
        advancePerGroup,
        seeding,
        ...(seeding === 'pots' ? { drawSeed } : {}),
        thirdPlace: options.thirdPlace ?? false,
      };
    }
    case 'single_elimination':
      return { ...byRating, thirdPlace: options.thirdPlace ?? false };
    case 'double_elimination':
      return { ...byRating, grandFinalReset: options.grandFinalReset ?? true };
    case 'swiss': {
      const swissRounds = options.swissRounds ?? Math.max(1, Math.ceil(Math.log2(dto.maxTeams)));
      if (swissRounds > dto.minTeams - 1)
        throw TournamentErrors.invalidFormatOptions('swissRounds must be fewer than minTeams (no rematches)');
      return { ...byRating, swissRounds };
    }
    case 'round_robin':
    case 'double_round_robin':
      return { ...byRating };
  }
}

/** Gives venues and pitches ids and checks their windows (start before end, at most a day long, no overlaps). */
export function venuesFrom(input: readonly VenueInputDto[] | undefined, ids: IdGenerator): Venue[] {
  return (input ?? []).map((venue) => ({
    id: ids.id(),
    name: venue.name,
    ...(venue.address ? { address: venue.address } : {}),
    pitches: venue.pitches.map((pitch) => {
      const windows = pitch.windows
        .map((w) => ({ start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString() }))
        .sort((a, b) => a.start.localeCompare(b.start));
      windows.forEach((w, i) => {
        const hours = (Date.parse(w.end) - Date.parse(w.start)) / 3_600_000;
        if (hours <= 0 || hours > MAX_WINDOW_HOURS)
          throw TournamentErrors.invalidVenues(`pitch '${pitch.name}': a window must end after it starts, within 24 h`);
        if (i > 0 && Date.parse(windows[i - 1].end) > Date.parse(w.start))
          throw TournamentErrors.invalidVenues(`pitch '${pitch.name}': windows overlap`);
      });
      return { id: ids.id(), name: pitch.name, windows };
    }),
  }));
}
