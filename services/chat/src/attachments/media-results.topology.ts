import { Exchanges, RoutingKeys } from '@prodvor/contracts';
import type { QueueTopology } from '@prodvor/platform';

/**
 * chat-service's own queue on the `media` exchange (with `.retry` and `.dlq`, declared by the service
 * at start-up): storage-service's `media.processed` results, the source of the media ownership read model.
 */
export const CHAT_MEDIA_RESULTS_QUEUE = 'chat.media-results';

export const chatMediaResultsTopology: QueueTopology = {
  queue: CHAT_MEDIA_RESULTS_QUEUE,
  exchange: Exchanges.media,
  routingKeys: [RoutingKeys.mediaProcessed],
};
