export * from './metrics.service';
