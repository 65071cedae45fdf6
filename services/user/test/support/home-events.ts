import { createEnvelope, Topics, type MessageData, type MessageType } from '@prodvor/contracts';
import { eventually, produce, type TestKafka } from '@prodvor/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';

type TeamType = Extract<MessageType, `team.${string}`>;
type TournamentType = Extract<MessageType, `tournament.${string}`>;

/** Publishes contract envelopes to the run's topics the way team- and tournament-service would. */
export function homeEvents(kafka: TestKafka) {
  const envelope = <T extends MessageType>(type: T, producer: string, subject: string, data: MessageData<T>) =>
    createEnvelope({ type, producer, subject, correlationId: randomUUID(), data });
  return {
    envelope,
    team: async <T extends TeamType>(type: T, teamId: string, data: MessageData<T>) => {
      const sent = envelope(type, 'team', teamId, data);
      await produce(kafka, Topics.teamEvents, teamId, sent);
      return sent;
    },
    tournament: async <T extends TournamentType>(type: T, tournamentId: string, data: MessageData<T>) => {
      const sent = envelope(type, 'tournament', tournamentId, data);
      await produce(kafka, Topics.tournamentEvents, tournamentId, sent);
      return sent;
    },
    /** Sends an already built message again (a redelivery) or any raw value. */
    raw: (topic: string, key: string, value: unknown) => produce(kafka, topic, key, value),
    rawBytes: (topic: string, key: string, text: string) => kafka.send(topic, [{ key, value: text }]),
  };
}

/** GETs a `/api/v1/me/…` list as a user until `done` holds for its items; returns them. */
export async function pollMe<T = Record<string, unknown>>(
  app: NestFastifyApplication,
  path: string,
  headers: Record<string, string>,
  done: (items: T[]) => boolean,
): Promise<T[]> {
  let items: T[] = [];
  await eventually(async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/me/${path}`, headers });
    if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${res.body}`);
    items = res.json<{ items: T[] }>().items;
    return done(items);
  }, 30_000);
  return items;
}

export async function getMe<T = Record<string, unknown>>(
  app: NestFastifyApplication,
  path: string,
  headers: Record<string, string>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/me/${path}`, headers });
  if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${res.body}`);
  return res.json();
}
