import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { createEmptyDatabase, createTestVhost, startKafkaMock, startS3Server, createBucket, s3Client } from '../src';
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

  it('starts a Kafka mock broker that kafkajs can produce to and consume from', async () => {
    const mock = await startKafkaMock();
    const kafka = new Kafka({ brokers: mock.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'harness.v1', messages: [{ key: 'k', value: 'hello' }] });
    const consumer = kafka.consumer({ groupId: 'harness' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'harness.v1', fromBeginning: true });
    const received = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(message.value!.toString()) });
    });
    expect(received).toBe('hello');
    await consumer.disconnect();
    await producer.disconnect();
    await mock.stop();
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
