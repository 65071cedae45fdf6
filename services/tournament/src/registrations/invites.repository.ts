import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import type { NewTournamentInvite, TournamentInvite } from './registration.model';

@Injectable()
export class InvitesRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  create(invite: NewTournamentInvite): Promise<TournamentInvite> {
    return this.prisma.tournamentInvite.create({ data: invite });
  }

  /** The invite with this code hash for the tournament, if it is still valid at `now`. */
  findValid(tournamentId: string, codeHash: string, now: Date): Promise<TournamentInvite | null> {
    return this.prisma.tournamentInvite.findFirst({ where: { tournamentId, codeHash, expiresAt: { gt: now } } });
  }
}
