// Shared with every service's tests; kept here so existing imports stay short.
export { eventually, probeTopic, produce, type ReceivedEvent } from '@prodvor/testing';
