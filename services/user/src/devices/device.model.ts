// A registered push device (DevicesRepository maps rows onto it).

export interface Device {
  id: string;
  userId: string;
  token: string;
  platform: string;
  createdAt: Date;
}

/** A browser's Web Push subscription (WebPushSubscriptionsRepository maps rows onto it). */
export interface WebPushSubscription {
  id: string;
  userId: string;
  /** The push service URL (RFC 8030); private: it addresses the browser. */
  endpoint: string;
  /** The browser's P-256 ECDH public key and auth secret (RFC 8291), base64url. */
  p256dh: string;
  auth: string;
  createdAt: Date;
}
