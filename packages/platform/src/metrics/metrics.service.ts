import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One prom-client registry per application, with the metrics every service shares. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly messagesPublished = new Counter({
    name: 'messages_published_total',
    help: 'Messages published, by transport (kafka|rabbitmq) and destination (topic or exchange)',
    labelNames: ['transport', 'destination'] as const,
    registers: [this.registry],
  });

  readonly messagesConsumed = new Counter({
    name: 'messages_consumed_total',
    help: 'Messages handled successfully, by transport and source (topic or queue)',
    labelNames: ['transport', 'source'] as const,
    registers: [this.registry],
  });

  readonly messagesFailed = new Counter({
    name: 'messages_failed_total',
    help: 'Message handling failures, by transport, source and outcome (retried|dead_lettered|rejected)',
    labelNames: ['transport', 'source', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'kafka_consumer_lag',
    help: 'Messages between the committed offset and the high watermark, by group, topic and partition',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
