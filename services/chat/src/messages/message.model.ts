// What chat-service's code knows of a stored message and a report on it (MessagesRepository maps rows onto these).

export interface Message {
  /** UUIDv7 given at send time: history is ordered by it. */
  id: string;
  roomId: string;
  senderId: string;
  clientMessageId: string;
  text: string;
  attachments: string[];
  mentions: string[];
  replyToId: string | null;
  sentAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  deletedBy: string | null;
}

export interface MessageReport {
  id: string;
  messageId: string;
  roomId: string;
  reporterId: string;
  reason: string;
  createdAt: Date;
}
