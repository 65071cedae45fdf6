import { JobOutboxService } from '@prodvor/platform';
import { captureNotificationJobs, type NotificationJob, type NotificationJobs } from '@prodvor/testing';
import { newUser, startTeamApp, type TeamTestApp } from './support/team-app';
import { teamApi } from './support/team-api';
import { eventually } from './support/kafka-probe';

describe('notifications on the notifications exchange', () => {
  let t: TeamTestApp;
  let api: ReturnType<typeof teamApi>;
  let jobs: NotificationJobs;
  /** The jobs received so far, each with whether it was published persistent. */
  const delivered = (): (NotificationJob & { persistent: boolean })[] =>
    jobs.received.map((job, i) => ({ ...job, persistent: jobs.persistent[i] }));

  beforeAll(async () => {
    t = await startTeamApp();
    api = teamApi(t.app);
    jobs = await captureNotificationJobs(t.vhost.url);
  });

  afterAll(async () => {
    await jobs?.stop();
    await t?.close();
  });

  it('notifies an invited user, the managers of a join request, and the requester of the decision', async () => {
    const captain = newUser();
    const team = await api.createTeam(captain, { recruiting: true });
    const invitee = newUser();
    const invitation = (await api.invite(captain, team.id, invitee.id)).json();
    await eventually(async () => delivered().some((n) => n.userId === invitee.id));
    expect(delivered().find((n) => n.userId === invitee.id)).toMatchObject({
      kind: 'team_invite',
      persistent: true,
      data: { teamId: team.id, invitationId: invitation.id },
    });

    // A refused change queues nothing: the notification shares the change's transaction.
    expect((await api.invite(captain, team.id, invitee.id)).statusCode).toBe(409);
    await t.app.get(JobOutboxService).flush();
    await new Promise((r) => setTimeout(r, 200));
    expect(delivered().filter((n) => n.userId === invitee.id)).toHaveLength(1);

    const asker = newUser();
    const request = (await api.call(asker, 'POST', `/api/v1/teams/${team.id}/join-requests`, {})).json();
    await eventually(async () => delivered().some((n) => n.kind === 'join_request' && n.userId === captain.id));
    await api.call(captain, 'POST', `/api/v1/join-requests/${request.id}/approve`);
    await eventually(async () => delivered().some((n) => n.userId === asker.id));
    expect(delivered().find((n) => n.userId === asker.id)).toMatchObject({
      kind: 'join_request_decided',
      data: { teamId: team.id, joinRequestId: request.id, decision: 'approved' },
    });
  });

  it('reports RabbitMQ in readiness', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.json().checks).toHaveProperty('rabbitmq');
  });
});
