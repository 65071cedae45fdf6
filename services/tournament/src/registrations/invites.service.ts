import { Injectable } from '@nestjs/common';
import { type Actor, Clock, IdGenerator } from '@prodvor/platform';
import { createHash, randomBytes } from 'node:crypto';
import { TournamentAccess } from '../tournaments/tournament-access';
import type { InviteDto } from './dto/invite.dto';
import { InvitesRepository } from './invites.repository';
import { RegistrationErrors } from './registration.errors';

function hashOf(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/**
 * Invitations to a private tournament: the organizer gets a code (128 random bits, shown once, stored
 * hashed) to hand to the teams it wants; a captain who cannot see the tournament registers with it.
 * A code admits any number of teams until registration closes; the organizer still approves each one.
 */
@Injectable()
export class InvitesService {
  constructor(
    private readonly invites: InvitesRepository,
    private readonly access: TournamentAccess,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async issue(actor: Actor, tournamentId: string): Promise<InviteDto> {
    const tournament = await this.access.organized(tournamentId, actor);
    if (tournament.status !== 'registration' || this.clock.now() >= tournament.registrationClosesAt)
      throw RegistrationErrors.closed();
    const code = randomBytes(16).toString('base64url');
    const invite = await this.invites.create({
      id: this.ids.id(),
      tournamentId,
      codeHash: hashOf(code),
      createdBy: actor.userId,
      expiresAt: tournament.registrationClosesAt,
    });
    return {
      id: invite.id,
      tournamentId,
      code,
      expiresAt: invite.expiresAt.toISOString(),
      createdAt: invite.createdAt.toISOString(),
    };
  }

  /** Whether the code is a valid invite to this tournament. */
  async admits(tournamentId: string, code: string): Promise<boolean> {
    return (await this.invites.findValid(tournamentId, hashOf(code), this.clock.now())) !== null;
  }
}
