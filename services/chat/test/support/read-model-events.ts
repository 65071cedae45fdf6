import { createEnvelope, envelopeSchemaFor, Topics, type MatchEvent } from '@prodvor/contracts';
import type { TestKafka } from '@prodvor/testing';
import { randomUUID } from 'node:crypto';

/**
 * Produces the team, tournament and match events chat's read model consumes, as team- and
 * tournament-service would (valid against the contracts, keyed by aggregate id).
 */
export async function readModelEvents(kafka: TestKafka) {
  const send = async (
    topic: string,
    key: string,
    type: string,
    data: Record<string, unknown>,
    producerName: string,
  ) => {
    const envelope = createEnvelope({ type, producer: producerName, subject: key, correlationId: 'test', data });
    envelopeSchemaFor(type).parse(envelope);
    await kafka.send(topic, [{ key, value: JSON.stringify(envelope) }]);
    return envelope;
  };
  const team = (teamId: string, type: string, data: Record<string, unknown>) =>
    send(Topics.teamEvents, teamId, type, { teamId, ...data }, 'team');
  const tournament = (tournamentId: string, type: string, data: Record<string, unknown>) =>
    send(Topics.tournamentEvents, tournamentId, type, { tournamentId, ...data }, 'tournament');

  return {
    team,
    tournament,
    /** A team with a captain and players; returns the team id (also its room id). */
    async createTeam(captainId: string, playerIds: string[] = [], name = 'Yard FC'): Promise<string> {
      const teamId = randomUUID();
      await team(teamId, 'team.created', { name, format: '5x5', captainId });
      for (const userId of playerIds) await team(teamId, 'team.member.joined', { userId, role: 'player' });
      return teamId;
    },
    async createTournament(organizerId: string, visibility: 'public' | 'private', teamIds: string[]): Promise<string> {
      const tournamentId = randomUUID();
      await tournament(tournamentId, 'tournament.created', {
        organizerId,
        name: 'Cup',
        visibility,
        format: 'round_robin',
      });
      for (const teamId of teamIds) await tournament(tournamentId, 'tournament.team.approved', { teamId });
      return tournamentId;
    },
    async scheduleMatch(tournamentId: string, homeTeamId: string, awayTeamId: string): Promise<string> {
      const matchId = randomUUID();
      await tournament(tournamentId, 'tournament.match.scheduled', { matchId, homeTeamId, awayTeamId });
      return matchId;
    },
    matchEvent: (event: MatchEvent) =>
      send(Topics.matchEvents, event.matchId, 'match.event.recorded', event, 'tournament'),
    /** Nothing to release: the file's TestKafka owns the producer. */
    stop: () => Promise.resolve(),
  };
}
