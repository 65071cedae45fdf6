// The browser test's web app, served from the realm's web origin (`${PRODVOR_WEB_ORIGIN}`) and compiled
// for the browser by the test page server. It does what a single-page app does: authorization code +
// PKCE (S256, WebCrypto) against Keycloak as the public client, then the API and Socket.IO through the
// gateway (the dev edge), cross-origin, with the access token.
import type { io as socketIo, Socket } from 'socket.io-client';
import type {
  AckAnswer,
  ApiAnswer,
  PageConfig,
  ProdvorPage,
  ProdvorWindow,
  ReceivedMessage,
  SessionState,
  SocketConnectResult,
} from './page-api';

// Defined by socket.io-client's browser bundle (/socket.io.min.js), loaded before this module.
declare const io: typeof socketIo;

const config = JSON.parse(document.getElementById('config')!.textContent) as PageConfig;
const PKCE_KEY = 'prodvor.pkce';
const endpoint = (name: 'auth' | 'token'): string => `${config.issuer}/protocol/openid-connect/${name}`;

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const randomString = (bytes: number): string => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

async function login(): Promise<void> {
  const verifier = randomString(48); // 64 characters (RFC 7636: 43–128)
  const state = randomString(16);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid',
    state,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  });
  location.assign(`${endpoint('auth')}?${query.toString()}`);
}

/** On the redirect URI: check the state, exchange the code with the verifier at the token endpoint. */
async function completeLogin(params: URLSearchParams): Promise<SessionState> {
  const saved = sessionStorage.getItem(PKCE_KEY);
  sessionStorage.removeItem(PKCE_KEY);
  const error = params.get('error');
  if (error) return { status: 'failed', error: `${error}: ${params.get('error_description') ?? ''}` };
  const code = params.get('code');
  if (!code || !saved) return { status: 'failed', error: 'no code, or no PKCE verifier in this tab' };
  const { verifier, state } = JSON.parse(saved) as { verifier: string; state: string };
  if (params.get('state') !== state) return { status: 'failed', error: 'state does not match' };
  const response = await fetch(endpoint('token'), {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: config.redirectUri,
      client_id: config.clientId,
      code_verifier: verifier,
    }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!response.ok || !body.access_token) {
    return { status: 'failed', tokenStatus: response.status, error: body.error_description ?? body.error ?? '?' };
  }
  return { status: 'signed-in', tokenStatus: response.status, accessToken: body.access_token };
}

const accessToken = (): string | undefined =>
  app.session.status === 'signed-in' ? app.session.accessToken : undefined;

async function api(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  const token = accessToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${config.apiUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  return {
    status: response.status,
    body: text && contentType?.includes('json') ? (JSON.parse(text) as unknown) : text,
    contentType,
    // Readable only if the gateway lists it in Access-Control-Expose-Headers.
    correlationId: response.headers.get('x-correlation-id'),
  };
}

let socket: Socket | undefined;

function connect(token?: string): Promise<SocketConnectResult> {
  socket?.close();
  const current = io(config.apiUrl, {
    path: '/socket.io',
    auth: { token: token ?? accessToken() },
    reconnection: false,
    forceNew: true,
  });
  socket = current;
  current.on('message', (message: ReceivedMessage) => app.received.push(message));
  return new Promise((resolve) => {
    current.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      current.close();
      resolve({ ok: false, message: error.message, code: error.data?.code });
    });
    current.once('connect', () => {
      // Socket.IO starts with HTTP long-polling and upgrades to a WebSocket: wait for the upgrade.
      const engine = current.io.engine;
      const settle = () => resolve({ ok: true, id: current.id ?? '', transport: engine.transport.name });
      if (engine.transport.name === 'websocket') return settle();
      const timer = setTimeout(settle, 5_000);
      engine.once('upgrade', () => {
        clearTimeout(timer);
        settle();
      });
    });
  });
}

async function emit(event: string, payload: unknown): Promise<AckAnswer> {
  if (!socket?.connected) throw new Error('not connected');
  return (await socket.timeout(10_000).emitWithAck(event, payload)) as AckAnswer;
}

const app: ProdvorPage = {
  session: { status: 'signed-out' },
  login,
  api,
  connect,
  emit,
  received: [],
};
(window as ProdvorWindow).prodvor = app;

const status = document.getElementById('status')!;
document.getElementById('login')!.addEventListener('click', () => void login());
if (location.pathname === '/callback') {
  app.session = { status: 'pending' };
  const params = new URLSearchParams(location.search);
  history.replaceState(null, '', '/'); // the code is single-use; keep it out of the address bar
  completeLogin(params)
    .then(
      (session) => (app.session = session),
      (error: unknown) => (app.session = { status: 'failed', error: String(error) }),
    )
    .finally(() => (status.textContent = app.session.status));
}
