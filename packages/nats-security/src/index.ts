export * from './credentials.js';
export * from './permissions.js';
export * from './reload.js';
export * from './render.js';
export * from './tls.js';
export * from './topology.js';
export * from './deployment.js';
