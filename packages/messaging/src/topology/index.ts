export * from './group-stream.js';
