import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { PrismaClient } from '../generated/prisma/client';
import type { MatchLineup } from '../matches/match.model';

@Injectable()
export class MatchLineupsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async replace(
    tx: Tx,
    matchId: string,
    teamId: string,
    players: readonly { playerId: string; goalkeeper?: boolean }[],
  ): Promise<void> {
    await tx.matchLineup.deleteMany({ where: { matchId, teamId } });
    await tx.matchLineup.createMany({
      data: players.map((p) => ({ matchId, teamId, playerId: p.playerId, goalkeeper: p.goalkeeper ?? false })),
      skipDuplicates: true,
    });
  }

  ofMatch(matchId: string): Promise<MatchLineup[]> {
    return this.prisma.matchLineup.findMany({
      where: { matchId },
      orderBy: [{ goalkeeper: 'desc' }, { playerId: 'asc' }],
    });
  }

  ofTournament(tournamentId: string): Promise<MatchLineup[]> {
    return this.prisma.matchLineup.findMany({ where: { match: { tournamentId } } });
  }
}
