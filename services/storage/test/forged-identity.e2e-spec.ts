import { walkForgedIdentities } from '@prodvor/testing';
import { newUser, startStorageApp, type StorageTestApp } from './support/storage-app';

/** Identity only from a verified access token: forged claims headers and foreign tokens never pass. */
describe('forged identities (storage-service)', () => {
  let t: StorageTestApp;
  beforeAll(async () => {
    t = await startStorageApp();
  });
  afterAll(async () => t?.close());

  it('never serves forged claims headers as their identity, nor tokens that are not its access tokens', async () => {
    const user = newUser();
    const failures = await walkForgedIdentities({
      // The caller's own media: with a valid token, the token's user (an empty list), never the forged one.
      send: (headers) => t.app.inject({ method: 'GET', url: '/api/v1/media', headers }),
      user: user.headers,
      servedAsUser: 200,
    });
    expect(failures).toEqual([]);
  });
});
