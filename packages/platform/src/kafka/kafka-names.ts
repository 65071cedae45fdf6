/**
 * Maps the platform's topic and consumer-group names to the cluster's. A prefix lets several tenants
 * share one cluster without seeing each other's messages (each test file on the run's broker, a staging
 * namespace); services and handlers only ever see the unprefixed names.
 */
export class KafkaNames {
  constructor(readonly prefix = '') {}

  topic(name: string): string {
    return `${this.prefix}${name}`;
  }

  group(id: string): string {
    return `${this.prefix}${id}`;
  }

  /** The platform's name of a topic as the cluster names it. */
  unprefixed(clusterTopic: string): string {
    return clusterTopic.startsWith(this.prefix) ? clusterTopic.slice(this.prefix.length) : clusterTopic;
  }
}
