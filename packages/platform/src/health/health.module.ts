import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health.registry';

/**
 * `GET /health/live` and `GET /health/ready`; exports the `HealthRegistry` other platform modules
 * (database, Redis, Kafka, RabbitMQ) register their readiness checks in.
 */
@Global()
@Module({ controllers: [HealthController], providers: [HealthRegistry], exports: [HealthRegistry] })
export class HealthModule {}
