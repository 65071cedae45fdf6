import { eventually } from '@prodvor/testing';
import { createEnvelope, Exchanges, RoutingKeys } from '@prodvor/contracts';
import { v7 as uuidv7 } from 'uuid';
import { publishRaw } from './support/rabbit-publisher';
import { newUser, startUserApp, type TestUser, type UserTestApp } from './support/user-app';

describe('avatar variants from media results', () => {
  let t: UserTestApp;

  beforeAll(async () => {
    t = await startUserApp({ MEDIA_BASE_URL: 'https://cdn.prodvor.test/media' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const processed = (mediaId: string, ownerId: string) =>
    createEnvelope({
      type: 'media.processed',
      producer: 'storage',
      subject: mediaId,
      correlationId: 'test',
      data: {
        mediaId,
        ownerId,
        purpose: 'avatar',
        variants: [
          {
            name: '200x200',
            key: `avatars/${mediaId}/200.webp`,
            width: 200,
            height: 200,
            bytes: 5000,
            contentType: 'image/webp',
          },
        ],
      },
    });
  const publish = (envelope: unknown) =>
    publishRaw(t.vhost.url, Exchanges.media, RoutingKeys.mediaProcessed, Buffer.from(JSON.stringify(envelope)));
  const setAvatar = (user: TestUser, avatarMediaId: string) =>
    t.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: user.headers, payload: { avatarMediaId } });
  const publicAvatar = async (user: TestUser) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/users/${user.id}`, headers: newUser().headers })).json<{
      avatar: { status: string; variants: unknown[] } | null;
    }>().avatar;

  it('shows the avatar as pending, then with variant URLs once media.processed arrives', async () => {
    const user = newUser();
    const mediaId = uuidv7();
    const res = await setAvatar(user, mediaId);
    expect(res.json().avatar).toEqual({ mediaId, status: 'pending', variants: [] });
    expect(await publicAvatar(user)).toMatchObject({ status: 'pending' });

    await publish(processed(mediaId, user.id));
    await eventually(async () => (await publicAvatar(user))?.status === 'ready');
    expect((await publicAvatar(user))?.variants).toEqual([
      {
        name: '200x200',
        width: 200,
        height: 200,
        key: `avatars/${mediaId}/200.webp`,
        url: `https://cdn.prodvor.test/media/avatars/${mediaId}/200.webp`,
      },
    ]);
  });

  it("never shows variants of someone else's media as a user's avatar", async () => {
    const owner = newUser();
    const mediaId = uuidv7();
    await publish(processed(mediaId, owner.id));
    await setAvatar(owner, mediaId);
    await eventually(async () => (await publicAvatar(owner))?.status === 'ready');

    const thief = newUser();
    const res = await setAvatar(thief, mediaId);
    expect(res.json().avatar).toEqual({ mediaId, status: 'pending', variants: [] });
  });
});
