export * from './database.module.js';
export * from './repository/base.repository.js';
export * from './repository/duplicate-key.js';
export * from './server/database-health.js';
export * from './server/database-server.js';
export * from './server/embedded-ferretdb.js';
export * from './server/free-port.js';
export * from './repository/search.js';
