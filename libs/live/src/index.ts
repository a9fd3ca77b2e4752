export * from './model/live.events.js';
export * from './live.module.js';
