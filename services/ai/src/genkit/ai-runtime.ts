import { DomainError } from '@prodvor/platform';
import { genkit, type Genkit } from 'genkit';
import type { GenkitPlugin } from 'genkit/plugin';

export const AiErrorCode = {
  NOT_CONFIGURED: 'AI_NOT_CONFIGURED',
  OUTPUT_INVALID: 'AI_OUTPUT_INVALID',
  UNAVAILABLE: 'AI_UNAVAILABLE',
  QUOTA_EXCEEDED: 'AI_QUOTA_EXCEEDED',
} as const;

/** 503 `AI_NOT_CONFIGURED`: what model-backed features answer when no provider is configured. */
export const notConfigured = (): DomainError =>
  new DomainError(AiErrorCode.NOT_CONFIGURED, 503, 'No AI provider is configured for this deployment');

export interface AiRuntimeConfig {
  GOOGLE_API_KEY?: string;
  GOOGLE_MODEL: string;
  GOOGLE_API_BASE_URL?: string;
  OPENAI_COMPAT_BASE_URL?: string;
  OPENAI_COMPAT_API_KEY?: string;
  OPENAI_COMPAT_MODEL: string;
}

/** The configured Genkit instance and its model, or nothing when no provider is configured. */
export class AiRuntime {
  constructor(
    private readonly instance: Genkit | undefined,
    readonly model: string | undefined,
  ) {}

  get configured(): boolean {
    return this.instance !== undefined;
  }

  /** The Genkit instance, or a 503 `AI_NOT_CONFIGURED` the deterministic features can fall back from. */
  require(): Genkit {
    if (!this.instance) throw notConfigured();
    return this.instance;
  }

  static withPlugin(plugin: GenkitPlugin, model: string): AiRuntime {
    return new AiRuntime(genkit({ plugins: [plugin], model }), model);
  }

  /**
   * Google AI when `GOOGLE_API_KEY` is set, else an OpenAI-compatible endpoint (e.g. a local model
   * server) when `OPENAI_COMPAT_BASE_URL` is set, else not configured. The key stays server-side.
   */
  static async fromConfig(config: AiRuntimeConfig): Promise<AiRuntime> {
    if (config.GOOGLE_API_KEY) {
      const { googleAI } = await import('@genkit-ai/google-genai');
      const model = `googleai/${config.GOOGLE_MODEL}`;
      return new AiRuntime(
        genkit({ plugins: [googleAI({ apiKey: config.GOOGLE_API_KEY, baseUrl: config.GOOGLE_API_BASE_URL })], model }),
        model,
      );
    }
    if (config.OPENAI_COMPAT_BASE_URL) {
      const { openAICompatible } = await import('@genkit-ai/compat-oai');
      const model = `local/${config.OPENAI_COMPAT_MODEL}`;
      const plugin = openAICompatible({
        name: 'local',
        apiKey: config.OPENAI_COMPAT_API_KEY ?? 'not-needed',
        baseURL: config.OPENAI_COMPAT_BASE_URL,
      });
      return new AiRuntime(genkit({ plugins: [plugin], model }), model);
    }
    return new AiRuntime(undefined, undefined);
  }
}
