export { Digests } from './digests/digests.js';
export * from './model/notification-kinds.js';
export * from './notifications.module.js';
export type { ActorView, NotificationView } from './notifications/dto/notification.dto.js';
export * from './notifications/notification-events.js';
