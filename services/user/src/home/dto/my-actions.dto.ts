import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const ACTION_KINDS = ['team_invitation', 'join_request', 'confirm_result', 'rsvp'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/**
 * One thing the caller must do. `kind` says which; the ids a client needs to act are set for that kind:
 * team_invitation (teamId, invitationId), join_request (teamId, requestId, requesterId), confirm_result
 * (tournamentId, matchId, teamId = my team that confirms), rsvp (teamId, eventId, occurrenceStart).
 */
export class MyActionDto {
  @ApiProperty({ enum: ACTION_KINDS }) kind!: ActionKind;
  @ApiProperty({ description: 'Stable id of this item (kind and the ids it names)' }) id!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Act before this; null: no deadline' })
  dueAt!: string | null;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({ type: String, nullable: true }) teamName!: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) invitationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) requestId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Who asked to join' }) requesterId?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) requesterName?: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) tournamentId?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) tournamentName?: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) matchId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) opponentTeamId?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) opponentTeamName?: string | null;
  @ApiPropertyOptional({ description: 'The reported score, home first' }) homeScore?: number;
  @ApiPropertyOptional() awayScore?: number;
  @ApiPropertyOptional({ format: 'uuid' }) eventId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'The occurrence (its original start)' })
  occurrenceStart?: string;
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the occurrence or match starts' }) startsAt?: string;
}

export class MyActionPageDto {
  @ApiProperty({ type: [MyActionDto] }) items!: MyActionDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
