export * from './grant.js';
export * from './feed/integrator-stream.js';
export * from './feed/feed.js';
export * from './credentials/issuer.js';
export * from './webhooks/webhook-delivery.js';
export * from './grants-file.js';
export * from './service.js';
export * from './config.js';
