import { ApiProperty } from '@nestjs/swagger';
import type { JoinRequest } from '../join-request.model';

export class JoinRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;

  static from(request: JoinRequest): JoinRequestDto {
    return {
      id: request.id,
      teamId: request.teamId,
      userId: request.userId,
      message: request.message,
      status: request.status,
      createdAt: request.createdAt.toISOString(),
      decidedAt: request.decidedAt?.toISOString() ?? null,
    };
  }
}

export class JoinRequestPageDto {
  @ApiProperty({ type: [JoinRequestDto] }) items!: JoinRequestDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
