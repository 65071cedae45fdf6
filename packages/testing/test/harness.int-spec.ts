import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { Topics } from '@prodvor/contracts';
import { createEmptyDatabase, createTestVhost, startTestKafka, startS3Server, createBucket, s3Client } from '../src';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { connect } from 'amqplib';

describe('test harness', () => {
  it('gives each test file its own database', async () => {
    const db = await createEmptyDatabase('harness');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query('SELECT current_database() AS name');
    await client.end();
    expect(rows[0].name).toBe(db.name);
    await db.drop();
  });

  it("gives each file its own topics on the run's real Kafka broker: provisioned, isolated, removed on stop", async () => {
    const [mine, theirs] = await Promise.all([startTestKafka(), startTestKafka()]);
    const kafka = new Kafka({ brokers: mine.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      for (const name of Object.values(Topics)) {
        expect(topics).toContain(mine.topic(name));
        expect(topics).toContain(mine.topic(`${name}.dlq`));
      }
      await mine.send(Topics.teamEvents, [{ key: 'k', value: 'hello' }]);
      const consumer = kafka.consumer({ groupId: mine.group('harness') });
      await consumer.connect();
      await consumer.subscribe({ topic: mine.topic(Topics.teamEvents), fromBeginning: true });
      const received = await new Promise<string>((resolve) => {
        void consumer.run({ eachMessage: async ({ message }) => resolve(message.value!.toString()) });
      });
      await consumer.disconnect();
      expect(received).toBe('hello');
      const [theirOffsets] = await Promise.all([admin.fetchTopicOffsets(theirs.topic(Topics.teamEvents))]);
      expect(theirOffsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(0);

      await mine.stop();
      const after = await admin.listTopics();
      expect(after.filter((topic) => topic.startsWith(mine.prefix))).toEqual([]);
      expect(after).toContain(theirs.topic(Topics.teamEvents));
    } finally {
      await admin.disconnect();
      await theirs.stop();
    }
  });

  it('never creates a topic on demand: sending to an unprovisioned topic fails loudly', async () => {
    const testKafka = await startTestKafka();
    try {
      await expect(testKafka.send('nobody.provisioned.this.v1', [{ key: 'k', value: 'x' }])).rejects.toThrow(
        /does not host this topic-partition|UNKNOWN_TOPIC/i,
      );
    } finally {
      await testKafka.stop();
    }
  });

  it('serves S3 through s3rver', async () => {
    const s3 = await startS3Server();
    await createBucket(s3, 'harness');
    const buckets = await s3Client(s3).send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((b) => b.Name)).toContain('harness');
    await s3.stop();
  });

  it('creates a throw-away RabbitMQ vhost', async () => {
    const vhost = await createTestVhost();
    const connection = await connect(vhost.url);
    const channel = await connection.createChannel();
    await channel.assertQueue('harness');
    await connection.close();
    await vhost.drop();
  });
});
