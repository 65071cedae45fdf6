import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, DomainError } from '@prodvor/platform';
import { TOURNAMENT_READER } from '../tournament-service/tournament-service.module';
import type { AiConfig } from '../config/ai.config';
import { AiRuntime, notConfigured } from '../genkit/ai-runtime';
import { AiUsageService } from '../usage/ai-usage.service';
import {
  defineTournamentAssistant,
  type TournamentAnswer,
  type TournamentAssistantFlow,
  type TournamentQuestion,
} from './tournament-assistant.flow';
import type { CallerHeaders, TournamentReader } from '../tournament-service/tournament-service.client';

export const TournamentAssistantErrorCode = {
  NOT_FOUND: 'AI_TOURNAMENT_NOT_FOUND',
  NOT_ORGANIZER: 'AI_NOT_TOURNAMENT_ORGANIZER',
} as const;

/** Who asks: the user the quota counts for, and whether they organize the tournament (or are an admin). */
export interface AssistantCaller {
  id: string;
  roles: string[];
  /** Identity headers forwarded to tournament-service. */
  headers: CallerHeaders;
}

/**
 * Runs the assistant for a tournament the caller organizes (admins: any). Visibility is
 * tournament-service's decision, asked with the caller's identity before any model call (and again
 * by every tool); organizing is checked here on what it answered.
 */
@Injectable()
export class TournamentAssistantService {
  private readonly flow?: TournamentAssistantFlow;

  constructor(
    runtime: AiRuntime,
    private readonly usage: AiUsageService,
    @Inject(TOURNAMENT_READER) private readonly tournaments: TournamentReader,
    config: AppConfig<AiConfig>,
  ) {
    if (runtime.configured)
      this.flow = defineTournamentAssistant(runtime.require(), tournaments, {
        timeoutMs: config.get('AI_TIMEOUT_MS'),
        observer: usage.observer,
      });
  }

  async ask(
    caller: AssistantCaller,
    question: TournamentQuestion,
  ): Promise<TournamentAnswer & { tournamentId: string }> {
    if (!this.flow) throw notConfigured();
    const tournament = await this.tournaments.tournament(question.tournamentId, caller.headers);
    if (!tournament.ok)
      throw new DomainError(
        TournamentAssistantErrorCode.NOT_FOUND,
        404,
        'No tournament with this id is visible to you',
      );
    if (tournament.value.organizerId !== caller.id && !caller.roles.includes('admin'))
      throw new DomainError(
        TournamentAssistantErrorCode.NOT_ORGANIZER,
        403,
        'The assistant answers organizers about their own tournaments',
      );
    const flow = this.flow;
    const answer = await this.usage.charged(caller.id, () => flow(question, { context: { caller: caller.headers } }));
    return { tournamentId: question.tournamentId, ...answer };
  }
}
