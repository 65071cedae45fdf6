import { ApiProperty } from '@nestjs/swagger';
import type { InviteCode } from '../invitation.model';
import { TeamMemberDto } from '../../teams/dto/team-page.dto';

export class InviteCodeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Share as a link; redeem with POST /api/v1/invite-codes/{code}/redeem' }) code!: string;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({ type: Number, nullable: true }) maxUses!: number | null;
  @ApiProperty() uses!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;

  static from(code: InviteCode): InviteCodeDto {
    return {
      id: code.id,
      code: code.code,
      teamId: code.teamId,
      maxUses: code.maxUses,
      uses: code.uses,
      expiresAt: code.expiresAt?.toISOString() ?? null,
      revokedAt: code.revokedAt?.toISOString() ?? null,
    };
  }
}

export class RedeemedInviteCodeDto {
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({ type: TeamMemberDto }) member!: TeamMemberDto;
}

export class InviteCodePageDto {
  @ApiProperty({ type: [InviteCodeDto] }) items!: InviteCodeDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
