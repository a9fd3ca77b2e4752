import type { NotificationView } from './dto/notification.dto.js';

/** What notifications send to the recipient's user room, once each notification is stored. */
export type NotificationServerEvents = {
  'notification:created': (payload: { notification: NotificationView }) => void;
};
