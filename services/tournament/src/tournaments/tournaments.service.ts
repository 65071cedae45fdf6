import { Injectable } from '@nestjs/common';
import {
  type Actor,
  Clock,
  cursorAfter,
  EventPublisher,
  idCursor,
  IdGenerator,
  isUniqueViolation,
  type Page,
  toPage,
} from '@prodvor/platform';
import { randomInt } from 'node:crypto';
import { TransactionRunner } from '../database/transaction-runner';
import { TeamsNotifier } from '../events/teams-notifier';
import type { CreateTournamentDto } from './dto/create-tournament.dto';
import type { ListTournamentsQueryDto } from './dto/list-tournaments.query.dto';
import type { TournamentDto } from './dto/tournament.dto';
import type { UpdateTournamentDto } from './dto/update-tournament.dto';
import { TournamentAccess } from './tournament-access';
import { TournamentCache } from './tournament-cache';
import { checkDates, checkTeamLimits, formatOptionsFrom, rulesFrom, venuesFrom } from './tournament-input';
import { TournamentErrors } from './tournament.errors';
import type { NewTournament, Tournament } from './tournament.model';
import { optionsOf, rulesOf, venuesOf } from './tournament-settings';
import { TournamentsRepository } from './tournaments.repository';

export function toTournamentDto(t: Tournament): TournamentDto {
  return {
    id: t.id,
    organizerId: t.organizerId,
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    sportFormat: t.sportFormat,
    format: t.format,
    visibility: t.visibility,
    status: t.status,
    startsAt: t.startsAt.toISOString(),
    endsAt: t.endsAt.toISOString(),
    registrationOpensAt: t.registrationOpensAt.toISOString(),
    registrationClosesAt: t.registrationClosesAt.toISOString(),
    checkInRequired: t.checkInRequired,
    minTeams: t.minTeams,
    maxTeams: t.maxTeams,
    rules: rulesOf(t),
    options: optionsOf(t),
    venues: venuesOf(t),
    createdAt: t.createdAt.toISOString(),
  };
}

@Injectable()
export class TournamentsService {
  constructor(
    private readonly tournaments: TournamentsRepository,
    private readonly access: TournamentAccess,
    private readonly transactions: TransactionRunner,
    private readonly events: EventPublisher,
    private readonly teams: TeamsNotifier,
    private readonly cache: TournamentCache,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async create(
    actor: Actor,
    dto: CreateTournamentDto,
    idempotencyKey?: string,
  ): Promise<{ tournament: TournamentDto; created: boolean }> {
    if (idempotencyKey) {
      const existing = await this.tournaments.findByIdempotencyKey(actor.userId, idempotencyKey);
      if (existing) return { tournament: this.replay(existing, dto), created: false };
    }
    checkDates(dto);
    checkTeamLimits(dto.minTeams, dto.maxTeams);
    const data: NewTournament = {
      id: this.ids.id(),
      organizerId: actor.userId,
      name: dto.name,
      description: dto.description ?? null,
      sportFormat: dto.sportFormat,
      format: dto.format,
      visibility: dto.visibility ?? 'public',
      startsAt: new Date(dto.startsAt),
      endsAt: new Date(dto.endsAt),
      registrationOpensAt: new Date(dto.registrationOpensAt),
      registrationClosesAt: new Date(dto.registrationClosesAt),
      checkInRequired: dto.checkInRequired ?? false,
      minTeams: dto.minTeams,
      maxTeams: dto.maxTeams,
      rules: rulesFrom(dto),
      options: formatOptionsFrom(dto, randomInt(2 ** 31)),
      venues: venuesFrom(dto.venues, this.ids),
      idempotencyKey: idempotencyKey ?? null,
    };
    try {
      const tournament = await this.transactions.run(async (tx) => {
        const created = await this.tournaments.create(tx, data);
        await this.events.publish(
          tx,
          'tournament.created',
          {
            tournamentId: created.id,
            organizerId: created.organizerId,
            name: created.name,
            visibility: created.visibility as 'public' | 'private',
            format: dto.format,
          },
          actor.correlationId,
        );
        return created;
      });
      return { tournament: toTournamentDto(tournament), created: true };
    } catch (error) {
      if (!idempotencyKey || !isUniqueViolation(error)) throw error;
      const existing = await this.tournaments.findByIdempotencyKey(actor.userId, idempotencyKey);
      if (!existing) throw error;
      return { tournament: this.replay(existing, dto), created: false };
    }
  }

  async get(tournamentId: string, actor: Actor | undefined): Promise<TournamentDto> {
    return toTournamentDto(await this.access.viewable(tournamentId, actor));
  }

  async list(query: ListTournamentsQueryDto, actor: Actor | undefined): Promise<Page<TournamentDto>> {
    if (query.scope === 'mine' && !actor) throw TournamentErrors.notOrganizer();
    // The id is checked (a uuid compared in SQL); a cursor without a valid startsAt restarts the list as before.
    const after = cursorAfter(query.cursor, idCursor.passthrough());
    const startsAt =
      typeof after?.startsAt === 'string' && !Number.isNaN(Date.parse(after.startsAt)) ? after.startsAt : undefined;
    const rows = await this.tournaments.list({
      q: query.q,
      status: query.status,
      format: query.format,
      sportFormat: query.sportFormat,
      organizerId: query.scope === 'mine' ? actor?.userId : undefined,
      after: after && startsAt ? { startsAt, id: after.id } : undefined,
      limit: query.limit + 1,
    });
    return toPage(rows, query.limit, (t) => ({ startsAt: t.startsAt.toISOString(), id: t.id }), toTournamentDto);
  }

  async update(actor: Actor, tournamentId: string, dto: UpdateTournamentDto): Promise<TournamentDto> {
    const updated = await this.transactions.run(async (tx) => {
      const current = await this.access.lockOrganized(tx, tournamentId, actor);
      const structural =
        dto.startsAt ?? dto.registrationOpensAt ?? dto.registrationClosesAt ?? dto.minTeams ?? dto.maxTeams;
      if (
        (structural !== undefined || dto.venues || dto.checkInRequired !== undefined) &&
        current.status !== 'registration'
      )
        throw TournamentErrors.locked('Dates, team limits and venues are fixed once fixtures exist');
      if (current.status === 'cancelled' || current.status === 'finished')
        throw TournamentErrors.locked(`The tournament is ${current.status}`);
      const dates = {
        startsAt: dto.startsAt ?? current.startsAt.toISOString(),
        endsAt: dto.endsAt ?? current.endsAt.toISOString(),
        registrationOpensAt: dto.registrationOpensAt ?? current.registrationOpensAt.toISOString(),
        registrationClosesAt: dto.registrationClosesAt ?? current.registrationClosesAt.toISOString(),
      };
      checkDates(dates);
      checkTeamLimits(dto.minTeams ?? current.minTeams, dto.maxTeams ?? current.maxTeams);
      const saved = await this.tournaments.update(tx, tournamentId, {
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(dto.visibility !== undefined ? { visibility: dto.visibility } : {}),
        ...(dto.checkInRequired !== undefined ? { checkInRequired: dto.checkInRequired } : {}),
        ...(dto.minTeams !== undefined ? { minTeams: dto.minTeams } : {}),
        ...(dto.maxTeams !== undefined ? { maxTeams: dto.maxTeams } : {}),
        ...(dto.venues ? { venues: venuesFrom(dto.venues, this.ids) } : {}),
        startsAt: new Date(dates.startsAt),
        endsAt: new Date(dates.endsAt),
        registrationOpensAt: new Date(dates.registrationOpensAt),
        registrationClosesAt: new Date(dates.registrationClosesAt),
      });
      // Readers keep their own copy (chat decides who reads a private tournament's rooms by it).
      await this.events.publish(
        tx,
        'tournament.updated',
        { tournamentId, name: saved.name, visibility: saved.visibility as 'public' | 'private' },
        actor.correlationId,
      );
      const changed = changesTeamsCareAbout(current, saved);
      if (changed.length > 0)
        await this.teams.notify(tx, await this.tournaments.participatingTeamIds(tx, tournamentId), {
          kind: 'tournament_update',
          title: `${saved.name}: ${changed.join(', ')} changed`,
          body: `The organizer changed the ${changed.join(', ')} of ${saved.name}. Open the tournament for details.`,
          data: { tournamentId },
        });
      return saved;
    });
    await this.cache.invalidate(tournamentId);
    return toTournamentDto(updated);
  }

  async cancel(actor: Actor, tournamentId: string): Promise<TournamentDto> {
    const cancelled = await this.transactions.run(async (tx) => {
      const current = await this.access.lockOrganized(tx, tournamentId, actor);
      if (current.status === 'finished' || current.status === 'cancelled')
        throw TournamentErrors.locked(`The tournament is already ${current.status}`);
      await this.tournaments.cancelOpenMatches(tx, tournamentId);
      const saved = await this.tournaments.update(tx, tournamentId, {
        status: 'cancelled',
        updatedAt: this.clock.now(),
      });
      await this.events.publish(tx, 'tournament.cancelled', { tournamentId }, actor.correlationId);
      await this.teams.notify(tx, await this.tournaments.participatingTeamIds(tx, tournamentId), {
        kind: 'tournament_update',
        title: `${saved.name} is cancelled`,
        body: `The organizer cancelled ${saved.name}; its matches will not be played.`,
        data: { tournamentId },
      });
      return saved;
    });
    await this.cache.invalidate(tournamentId);
    return toTournamentDto(cancelled);
  }

  /** A retry with the same key answers the first result; the key reused for another tournament is refused. */
  private replay(existing: Tournament, dto: CreateTournamentDto): TournamentDto {
    if (existing.name !== dto.name || existing.format !== dto.format) throw TournamentErrors.idempotencyKeyReused();
    return toTournamentDto(existing);
  }
}

/** What the teams taking part are told about when the organizer edits the tournament. */
function changesTeamsCareAbout(before: Tournament, after: Tournament): string[] {
  const same = (a: Date, b: Date) => a.getTime() === b.getTime();
  return [
    before.name !== after.name && 'name',
    (!same(before.startsAt, after.startsAt) || !same(before.endsAt, after.endsAt)) && 'dates',
    JSON.stringify(before.venues) !== JSON.stringify(after.venues) && 'venues',
    before.checkInRequired !== after.checkInRequired && 'check-in rule',
  ].filter((change): change is string => typeof change === 'string');
}
