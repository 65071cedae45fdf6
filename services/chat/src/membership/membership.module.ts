import { Module } from '@nestjs/common';
import { MembershipConsumer } from './membership.consumer';
import { MembershipProjector } from './membership.projector';
import { MembershipRepository } from './membership.repository';

@Module({ providers: [MembershipRepository, MembershipProjector, MembershipConsumer] })
export class MembershipModule {}
