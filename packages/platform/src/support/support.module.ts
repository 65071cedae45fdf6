import { Global, Module } from '@nestjs/common';
import { Clock, IdGenerator } from './clock';

/** The side-effect providers every service injects (and tests override by class): `Clock`, `IdGenerator`. */
@Global()
@Module({ providers: [Clock, IdGenerator], exports: [Clock, IdGenerator] })
export class SupportModule {}
