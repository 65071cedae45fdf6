import { walkForgedIdentities } from '@prodvor/testing';
import { newUser, startTournamentApp, type TournamentTestApp } from './support/tournament-app';

/** Identity only from a verified access token: forged claims headers and foreign tokens never pass. */
describe('forged identities (tournament-service)', () => {
  let t: TournamentTestApp;
  beforeAll(async () => {
    t = await startTournamentApp();
  });
  afterAll(async () => t?.close());

  it('never serves forged organizer/admin claims headers, nor tokens that are not its access tokens', async () => {
    const player = newUser();
    const failures = await walkForgedIdentities({
      // Creating a tournament needs organizer or admin: the player behind the valid token is refused.
      send: (headers) => t.app.inject({ method: 'POST', url: '/api/v1/tournaments', headers, payload: {} }),
      user: player.headers,
      servedAsUser: 403,
    });
    expect(failures).toEqual([]);
  });
});
