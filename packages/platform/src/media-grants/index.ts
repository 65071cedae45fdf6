export * from './media-grant';
