import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, type Prisma, type TournamentInvite } from '../generated/prisma/client';

@Injectable()
export class InvitesRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  create(data: Prisma.TournamentInviteUncheckedCreateInput): Promise<TournamentInvite> {
    return this.prisma.tournamentInvite.create({ data });
  }

  /** The invite with this code hash for the tournament, if it is still valid at `now`. */
  findValid(tournamentId: string, codeHash: string, now: Date): Promise<TournamentInvite | null> {
    return this.prisma.tournamentInvite.findFirst({ where: { tournamentId, codeHash, expiresAt: { gt: now } } });
  }
}
