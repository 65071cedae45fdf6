import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type People, PersonDto } from '@prodvor/platform';
import type { Invitation } from '../invitation.model';

/** An invitation; `userId`, `displayName` and `avatar` are the invited user's. */
export class InvitationDto extends PersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiPropertyOptional() teamName?: string;
  @ApiProperty({ format: 'uuid' }) invitedBy!: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined', 'revoked', 'expired'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(invitation: Invitation, people: People, teamName?: string): InvitationDto {
    return {
      id: invitation.id,
      teamId: invitation.teamId,
      ...(teamName !== undefined ? { teamName } : {}),
      userId: invitation.userId,
      ...people.of(invitation.userId),
      invitedBy: invitation.invitedBy,
      status: invitation.status,
      expiresAt: invitation.expiresAt.toISOString(),
      createdAt: invitation.createdAt.toISOString(),
    };
  }
}

export class InvitationListDto {
  @ApiProperty({ type: [InvitationDto] }) items!: InvitationDto[];
}

export class InvitationPageDto {
  @ApiProperty({ type: [InvitationDto] }) items!: InvitationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
