import { Inject, Injectable } from '@nestjs/common';
import type { MatchEvent } from '@prodvor/contracts';
import { AppConfig } from '@prodvor/platform';
import type { ChatConfig } from '../config/chat.config';
import { matchScore, type MatchScore } from './match-score';
import { MatchFeedRepository } from './match-feed.repository';

/** What a socket joining a match room gets: the score now and the latest events. */
export interface MatchFeedSnapshot extends MatchScore {
  matchId: string;
  recentEvents: MatchEvent[];
}

/** One live event pushed to a match room, with the score it leads to. */
export interface MatchFeedUpdate {
  matchId: string;
  event: MatchEvent;
  score: MatchScore;
}

@Injectable()
export class MatchFeedService {
  private readonly recent: number;

  constructor(
    private readonly feed: MatchFeedRepository,
    @Inject(AppConfig) config: AppConfig<ChatConfig>,
  ) {
    this.recent = config.get('CHAT_MATCH_RECENT_EVENTS');
  }

  /** Stores the event (once) and returns the update to push, or null for a redelivery. */
  async record(event: MatchEvent): Promise<MatchFeedUpdate | null> {
    if (!(await this.feed.insertOnce(event))) return null;
    const snapshot = await this.snapshot(event.matchId);
    const { recentEvents: _recent, matchId: _id, ...score } = snapshot;
    return { matchId: event.matchId, event, score };
  }

  async snapshot(matchId: string): Promise<MatchFeedSnapshot> {
    const [events, teams] = await Promise.all([this.feed.events(matchId), this.feed.teams(matchId)]);
    const score = matchScore(events, teams ?? { homeTeamId: null, awayTeamId: null });
    return { matchId, ...score, recentEvents: events.slice(-this.recent) };
  }
}
