// What user-service's code knows of notifications and preferences (NotificationsRepository maps rows onto these).

export interface Notification {
  /** The producer's notificationId: delivering it twice stores it once. */
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  data: unknown;
  createdAt: Date;
  readAt: Date | null;
  emailedAt: Date | null;
}

export interface NotificationPreference {
  userId: string;
  kind: string;
  inApp: boolean;
  email: boolean;
  push: boolean;
  updatedAt: Date;
}
