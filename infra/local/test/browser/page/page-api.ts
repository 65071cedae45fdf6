// Types shared by the browser test page (app.ts, compiled for the browser) and the Node test driving it.

/** What the test page server embeds in index.html. */
export interface PageConfig {
  /** The realm issuer: `<keycloak>/realms/prodvor`. */
  issuer: string;
  clientId: string;
  /** The API base (the dev edge), another origin than the page's. */
  apiUrl: string;
  redirectUri: string;
}

export type SessionState =
  | { status: 'signed-out' }
  | { status: 'pending' }
  | { status: 'signed-in'; tokenStatus: number; accessToken: string }
  | { status: 'failed'; tokenStatus?: number; error: string };

/** A fetch from the page as the signed-in user; headers are what CORS lets the page read. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  contentType: string | null;
  correlationId: string | null;
}

export interface SocketInfo {
  id: string;
  /** `polling` or `websocket` once the handshake (and upgrade, if any) settled. */
  transport: string;
}

export type SocketConnectResult = ({ ok: true } & SocketInfo) | { ok: false; message: string; code?: string };

export interface AckAnswer {
  ok: boolean;
  error?: { code: string; status: number; message: string };
  [key: string]: unknown;
}

/** A `message` event as the page received it (the chat history shape). */
export interface ReceivedMessage {
  id: string;
  roomId: string;
  senderId: string;
  clientMessageId: string;
  text: string | null;
  sentAt: string;
}

/** What the page exposes as `window.prodvor` for the test to drive it. */
export interface ProdvorPage {
  session: SessionState;
  /** Starts the authorization code + PKCE flow (the page's "Log in" button does the same). */
  login(): Promise<void>;
  api(method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  /** Socket.IO through the API origin's `/socket.io`; `token` overrides the session's (refusal tests). */
  connect(token?: string): Promise<SocketConnectResult>;
  emit(event: string, payload: unknown): Promise<AckAnswer>;
  received: ReceivedMessage[];
}

export interface ProdvorWindow {
  prodvor?: ProdvorPage;
}
