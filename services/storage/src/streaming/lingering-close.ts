import type { Socket } from 'node:net';

/** How long a refused upload's connection stays half-open after the answer. */
export const LINGER_MS = 2_000;

/**
 * Node closes a `Connection: close` socket as soon as the answer is written. When the client is still
 * sending, its unread bytes make that close a TCP reset, and a reset can reach the client before it has
 * read the answer: it then sees ECONNRESET instead of the 413. Like nginx's lingering close, the socket
 * here sends its FIN after the answer and is destroyed only a moment later; the client, reading the answer
 * and the end of the stream, stops sending by itself.
 */
export function lingerAfterAnswer(socket: Socket, lingerMs = LINGER_MS): void {
  socket.destroySoon = function lingeringClose(this: Socket): void {
    this.end();
    setTimeout(() => this.destroy(), lingerMs).unref();
  };
}
