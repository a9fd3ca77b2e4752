export * from './access/access.service.js';
export * from './access/decorators.js';
export * from './auth/dto/auth.dto.js';
export * from './auth/principal.js';
export * from './identity.module.js';
export * from './tokens/token.service.js';
export * from './users/user.schema.js';
export * from './users/users.service.js';
