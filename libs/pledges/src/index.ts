export * from './model/pledge.events.js';
export * from './pledges.module.js';
