import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import type {
  AckAnswer,
  ApiAnswer,
  ProdvorWindow,
  ReceivedMessage,
  SessionState,
  SocketConnectResult,
} from './page/page-api';

/** Debian's chromium (infra/scripts/ensure-system.sh installs it); Playwright's own downloads are never used. */
export const CHROMIUM = '/usr/bin/chromium';

/** Without the background-networking switches Chromium calls Google's services, refused on a closed network. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright's waits (clicks, fills, responses, page state): its default of 30 s is tight under load. */
const ACTION_TIMEOUT_MS = 45_000;

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: \`npm run setup\` installs Debian's chromium (infra/scripts/ensure-system.sh)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Credentials {
  username: string;
  password: string;
}

/** A response as the browser's network stack saw it (all headers, not only what CORS exposes to the page). */
export interface SeenResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
}

export interface SignIn {
  /** The authorization request the page sent the browser to. */
  authorizationUrl: URL;
  token: SeenResponse;
  session: SessionState;
}

/** Where the test page is served, the realm issuer it logs in with and the API origin it calls. */
export interface WebSite {
  origin: string;
  issuer: string;
  apiUrl: string;
}

/**
 * The test page in one browser context (one user): drives the page through `window.prodvor` and the
 * Keycloak login form through the DOM, as a user would.
 */
export class WebApp {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly site: WebSite,
  ) {}

  static async open(browser: Browser, site: WebSite): Promise<WebApp> {
    const context = await browser.newContext();
    // Keycloak's first login page after a cold start can take a while on a loaded machine.
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    const page = await context.newPage();
    await page.goto(site.origin);
    return new WebApp(context, page, site);
  }

  /** Click "Log in", fill in Keycloak's own login page, come back to the redirect URI, wait for the tokens. */
  async signIn(user: Credentials): Promise<SignIn> {
    const endpoint = `${this.site.issuer}/protocol/openid-connect`;
    // Each wait starts before the click that causes it, and both settle together (no rejection left behind).
    const [authorization] = await Promise.all([
      this.page.waitForRequest((r) => r.url().startsWith(`${endpoint}/auth?`)),
      this.page.click('#login'),
    ]);
    await this.page.fill('#username', user.username);
    await this.page.fill('#password', user.password);
    const [token] = await Promise.all([this.page.waitForResponse(`${endpoint}/token`), this.page.click('#kc-login')]);
    return {
      authorizationUrl: new URL(authorization.url()),
      token: await seen(token),
      session: await this.settledSession(),
    };
  }

  /** Opens a URL in the page (e.g. a hand-made authorization request) and waits for the page's login outcome. */
  async visit(url: string): Promise<SessionState> {
    await this.page.goto(url);
    return this.settledSession();
  }

  private async settledSession(): Promise<SessionState> {
    await this.page.waitForFunction(() => {
      const status = (globalThis as ProdvorWindow).prodvor?.session.status;
      return status === 'signed-in' || status === 'failed';
    });
    return this.page.evaluate(() => (globalThis as ProdvorWindow).prodvor!.session);
  }

  /** A fetch from the page to the API origin, and the response as the network saw it. */
  async api(method: string, path: string, body?: unknown): Promise<{ answer: ApiAnswer; seen: SeenResponse }> {
    const call = { method, path, body };
    const [answer, response] = await Promise.all([
      this.page.evaluate((c) => (globalThis as ProdvorWindow).prodvor!.api(c.method, c.path, c.body), call),
      this.page.waitForResponse((r) => r.url() === `${this.site.apiUrl}${path}` && r.request().method() === method),
    ]);
    return { answer, seen: await seen(response) };
  }

  connect(token?: string): Promise<SocketConnectResult> {
    return this.page.evaluate((t) => (globalThis as ProdvorWindow).prodvor!.connect(t), token);
  }

  emit(event: string, payload: unknown): Promise<AckAnswer> {
    return this.page.evaluate(([e, p]) => (globalThis as ProdvorWindow).prodvor!.emit(e, p), [event, payload] as const);
  }

  /** The `message` event carrying this client message id, once the page's socket received it. */
  async message(clientMessageId: string): Promise<ReceivedMessage> {
    const handle = await this.page.waitForFunction(
      (id) => (globalThis as ProdvorWindow).prodvor!.received.find((m) => m.clientMessageId === id),
      clientMessageId,
      { timeout: 15_000 },
    );
    return (await handle.jsonValue())!;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

async function seen(response: Response): Promise<SeenResponse> {
  return { url: response.url(), status: response.status(), headers: await response.allHeaders() };
}
