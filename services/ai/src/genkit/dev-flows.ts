// Entry for the Genkit Developer UI (`npm run genkit:ui -w @prodvor/ai-service`, see the README):
// registers the service's flows (tournamentAssistant, matchReport, moderation, balanceExplanation) and
// the assistant's tools on a Genkit instance chosen from the same configuration as the service, without
// Nest, Redis or Kafka. Under `genkit start` (GENKIT_ENV=dev) Genkit serves its
// reflection API, which keeps this process alive; it is a development tool, never deployed.
import { loadConfig } from '@prodvor/platform';
import { genkit, z } from 'genkit';
import { aiConfigSchema } from '../config/ai.config';
import { TournamentServiceClient } from '../tournament-service/tournament-service.client';
import { AiRuntime } from './ai-runtime';
import { defineServiceFlows } from './service-flows';

const devConfigSchema = aiConfigSchema
  .pick({
    GOOGLE_API_KEY: true,
    GOOGLE_MODEL: true,
    GOOGLE_API_BASE_URL: true,
    OPENAI_COMPAT_BASE_URL: true,
    OPENAI_COMPAT_API_KEY: true,
    OPENAI_COMPAT_MODEL: true,
    AI_TIMEOUT_MS: true,
    AI_MODERATION_TIMEOUT_MS: true,
    TOURNAMENT_SERVICE_TIMEOUT_MS: true,
  })
  // The local run (`npm run dev`) serves tournament-service here.
  .extend({ TOURNAMENT_SERVICE_URL: z.string().url().default('http://127.0.0.1:3003') });

async function main(): Promise<void> {
  const config = loadConfig(devConfigSchema);
  const runtime = await AiRuntime.fromConfig(config);
  if (!runtime.configured)
    console.warn(
      'No AI provider configured (GOOGLE_API_KEY or OPENAI_COMPAT_BASE_URL): flows and tools are listed, and tools run, but flows fail at their model call.',
    );
  const ai = runtime.configured ? runtime.require() : genkit({});
  const tournaments = new TournamentServiceClient(config.TOURNAMENT_SERVICE_URL, {
    timeoutMs: config.TOURNAMENT_SERVICE_TIMEOUT_MS,
  });
  defineServiceFlows(ai, tournaments, {
    timeoutMs: config.AI_TIMEOUT_MS,
    moderationTimeoutMs: config.AI_MODERATION_TIMEOUT_MS,
  });
  if (process.env.GENKIT_ENV !== 'dev') console.warn('Not in Genkit dev mode: start this file through `genkit start`.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
