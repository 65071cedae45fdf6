import { consumedEvents, createEnvelope } from '@prodvor/contracts';
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '../outbox/sql-executor';
import { KafkaService } from './kafka.module';

const archived = (teamId: string) =>
  createEnvelope({ type: 'team.archived', producer: 'team', subject: teamId, correlationId: 'c', data: { teamId } });

/** A transaction whose inbox already holds the ids in `claimed`. */
function fakeTx(claimed: Set<string>): SqlExecutor {
  return {
    $executeRawUnsafe: async (_sql, _consumer, eventId) => {
      if (typeof eventId !== 'string' || claimed.has(eventId)) return 0;
      claimed.add(eventId);
      return 1;
    },
    $queryRawUnsafe: () => Promise.reject(new Error('not used')),
  };
}

async function inboxConsumer() {
  const kafka = new KafkaService({ clientId: 'test', brokers: ['127.0.0.1:1'] });
  const createConsumer = vi.spyOn(kafka, 'createConsumer');
  const claimed = new Set<string>();
  const applied: string[] = [];
  await kafka.createInboxConsumer({
    groupId: 'g',
    topics: ['team.events.v1'],
    events: consumedEvents(['team.archived']),
    transactions: { run: (work) => work(fakeTx(claimed)) },
    apply: async (_tx, event) => {
      applied.push(event.data.teamId);
    },
  });
  const [registered] = createConsumer.mock.calls[0];
  const { schema, handle } = registered;
  const deliver = (value: unknown) =>
    handle({ value: schema.parse(value), topic: 't', partition: 0, offset: '0', key: null, headers: {} });
  return { deliver, applied };
}

describe('KafkaService.createInboxConsumer', () => {
  it('applies a listed event once, however often it is delivered, and skips other types', async () => {
    const { deliver, applied } = await inboxConsumer();
    const teamId = randomUUID();
    const event = archived(teamId);
    await deliver(event);
    await deliver(event);
    await deliver(archived(teamId));
    await deliver(
      createEnvelope({ type: 'team.member.left', producer: 'team', subject: 's', correlationId: 'c', data: {} }),
    );
    expect(applied).toEqual([teamId, teamId]);
  });
});
