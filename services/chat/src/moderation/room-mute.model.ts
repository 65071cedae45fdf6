// A moderator's mute of a user in a room (MutesRepository maps rows onto it).

export interface RoomMute {
  roomId: string;
  userId: string;
  until: Date;
  mutedBy: string;
  createdAt: Date;
}
