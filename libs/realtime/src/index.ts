export * from './broadcaster.js';
export * from './connection.gateway.js';
export * from './events.js';
export * from './plenary-io.adapter.js';
export * from './realtime.module.js';
export * from './rooms.js';
export * from './socket-authenticator.js';
export * from './ws-ack.filter.js';
