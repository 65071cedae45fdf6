import { Injectable } from '@nestjs/common';

export type HealthCheck = () => Promise<void>;

/**
 * Readiness checks contributed by the modules a service uses (database, Redis, Kafka, RabbitMQ).
 * A check resolves when its dependency answers and rejects with a short reason otherwise.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  entries(): [string, HealthCheck][] {
    return [...this.checks.entries()];
  }
}
