import { connect, type Channel, type ChannelModel } from 'amqplib';
import { captureNotificationJobs, type NotificationJob, type NotificationJobs } from '@prodvor/testing';
import { REMINDER_QUEUE, reminderJob } from '../src/schedule/reminders/reminder.job';
import { eventually } from './support/kafka-probe';
import { scheduleApi } from './support/schedule-api';
import { teamApi } from './support/team-api';
import { newUser, startTeamApp, type TeamTestApp } from './support/team-app';

const MINUTE = 60_000;

describe('team event reminders through RabbitMQ delay queues', () => {
  let t: TeamTestApp;
  let api: ReturnType<typeof teamApi>;
  let schedule: ReturnType<typeof scheduleApi>;
  let jobs: NotificationJobs;
  let connection: ChannelModel;
  let channel: Channel;
  let delivered: NotificationJob[];

  beforeAll(async () => {
    t = await startTeamApp();
    api = teamApi(t.app);
    schedule = scheduleApi(t.app);
    jobs = await captureNotificationJobs(t.vhost.url);
    delivered = jobs.received;
    connection = await connect(t.vhost.url);
    channel = await connection.createChannel();
  });

  afterAll(async () => {
    await jobs?.stop();
    await connection?.close();
    await t?.close();
  });

  it('reminds the going and maybe members once, a few seconds after the job was queued', async () => {
    const captain = newUser();
    const team = await api.createTeam(captain);
    const [going, maybe, declined] = [
      await api.addPlayer(captain, team.id),
      await api.addPlayer(captain, team.id),
      await api.addPlayer(captain, team.id),
    ];
    // Starts in 2 min 3 s with a 2-minute reminder: due in about 3 s (a few 1-second delay hops).
    const event = await schedule.eventIn(captain, team.id, 2 * MINUTE + 3_000, { reminderMinutes: 2 });
    await schedule.rsvp(going, team.id, event.id, event.startsAt, 'yes');
    await schedule.rsvp(maybe, team.id, event.id, event.startsAt, 'maybe');
    await schedule.rsvp(declined, team.id, event.id, event.startsAt, 'no');
    const reminded = () => delivered.filter((n) => n.kind === 'team_event.reminder' && n.data.eventId === event.id);
    await eventually(async () => reminded().length >= 2, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(
      reminded()
        .map((n) => n.userId)
        .sort(),
    ).toEqual([going.id, maybe.id].sort());
    expect(reminded()[0].data).toMatchObject({ teamId: team.id, occurrenceStart: event.startsAt });
  });

  it('checks the current state: a reminder switched off or an event cancelled after queuing sends nothing', async () => {
    const captain = newUser();
    const team = await api.createTeam(captain);
    const member = await api.addPlayer(captain, team.id);
    const off = await schedule.eventIn(captain, team.id, 2 * MINUTE + 2_000, { reminderMinutes: 2 });
    const cancelled = await schedule.eventIn(captain, team.id, 2 * MINUTE + 2_000, { reminderMinutes: 2 });
    for (const event of [off, cancelled]) await schedule.rsvp(member, team.id, event.id, event.startsAt, 'yes');
    await api.call(captain, 'PATCH', `/api/v1/teams/${team.id}/events/${off.id}`, { reminderMinutes: null });
    await api.call(captain, 'POST', `/api/v1/teams/${team.id}/events/${cancelled.id}/cancel`);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(
      delivered.filter((n) => n.kind === 'team_event.reminder' && [off.id, cancelled.id].includes(n.data.eventId)),
    ).toEqual([]);
  });

  it('sends once per occurrence when the same due job arrives twice (redelivery, duplicate)', async () => {
    const captain = newUser();
    const team = await api.createTeam(captain);
    const member = await api.addPlayer(captain, team.id);
    const event = await schedule.eventIn(captain, team.id, 24 * 60 * MINUTE);
    await schedule.rsvp(member, team.id, event.id, event.startsAt, 'yes');
    const job = reminderJob(
      {
        eventId: event.id,
        teamId: team.id,
        occurrenceStart: event.startsAt,
        version: 1,
        dueAt: new Date().toISOString(),
      },
      'test-duplicate-reminder',
      new Date(),
    );
    for (let i = 0; i < 2; i += 1)
      channel.sendToQueue(REMINDER_QUEUE, Buffer.from(JSON.stringify(job)), { persistent: true });
    const reminded = () => delivered.filter((n) => n.kind === 'team_event.reminder' && n.data.eventId === event.id);
    await eventually(async () => reminded().length > 0, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(reminded().map((n) => n.userId)).toEqual([member.id]);
  });

  it('parks a malformed reminder job on the dead-letter queue instead of looping', async () => {
    channel.sendToQueue(REMINDER_QUEUE, Buffer.from(JSON.stringify({ eventId: 'nope' })), { persistent: true });
    await eventually(async () => (await channel.checkQueue(`${REMINDER_QUEUE}.dlq`)).messageCount === 1, 10_000);
  });
});
