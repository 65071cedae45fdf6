/**
 * The ids recently seen per room, bounded twice: at most `perRoom` ids per room (oldest forgotten first)
 * and at most `rooms` rooms (the least recently active forgotten first). Enough to drop a duplicate that
 * arrives close to its original, such as a producer retry.
 */
export class RecentIds {
  private readonly byRoom = new Map<string, Set<string>>();

  constructor(
    private readonly perRoom = 256,
    private readonly rooms = 10_000,
  ) {}

  /** Records the ids; false when any of them was already seen in the room (a duplicate). */
  firstTime(roomId: string, ids: string[]): boolean {
    let seen = this.byRoom.get(roomId);
    if (seen) this.byRoom.delete(roomId);
    else seen = new Set();
    // Re-inserted: the map's order is the rooms' recency.
    this.byRoom.set(roomId, seen);
    if (this.byRoom.size > this.rooms) this.byRoom.delete(this.byRoom.keys().next().value as string);
    if (ids.some((id) => seen.has(id))) return false;
    for (const id of ids) {
      seen.add(id);
      if (seen.size > this.perRoom) seen.delete(seen.values().next().value as string);
    }
    return true;
  }
}
