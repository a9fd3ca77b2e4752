export * from './moderation.module.js';
