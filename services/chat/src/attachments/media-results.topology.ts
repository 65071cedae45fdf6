import { Queues } from '@prodvor/contracts';
import { queueTopology } from '@prodvor/platform';

/**
 * chat-service's queue on the `media` exchange (with `.retry` and `.dlq`; in infra/rabbitmq/definitions.json
 * and declared again by the service at start-up): storage-service's `media.processed` results, the
 * source of the media ownership read model.
 */
export const CHAT_MEDIA_RESULTS_QUEUE = Queues.chatMediaResults;

export const chatMediaResultsTopology = queueTopology(CHAT_MEDIA_RESULTS_QUEUE);
