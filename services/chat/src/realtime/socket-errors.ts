import { DomainError } from '@prodvor/platform';
import { ZodError } from 'zod';
import { MessageErrorCode } from '../messages/message.errors';

/** Codes of refusals that belong to the socket itself rather than to a feature. */
export const SocketErrorCode = {
  /** `auth:refresh` with a valid token of another user: a connection keeps the user it was opened for. */
  TOKEN_SUBJECT_MISMATCH: 'CHAT_TOKEN_SUBJECT_MISMATCH',
} as const;

export const SocketErrors = {
  tokenSubjectMismatch: () =>
    new DomainError(
      SocketErrorCode.TOKEN_SUBJECT_MISMATCH,
      403,
      'The token is for another user: a connection keeps the user it was opened for',
    ),
};

/** What a refused socket event answers in its ack and in the `error` event. */
export interface SocketError {
  code: string;
  status: number;
  message: string;
  fields?: { field: string; message: string }[];
}

export function toSocketError(error: unknown): SocketError {
  if (error instanceof DomainError)
    return {
      code: error.code,
      status: error.status,
      message: error.message,
      ...(error.errors ? { fields: error.errors } : {}),
    };
  if (error instanceof ZodError)
    return {
      code: MessageErrorCode.INVALID,
      status: 400,
      message: 'Payload is not valid',
      fields: error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message })),
    };
  return { code: 'CHAT_INTERNAL', status: 500, message: 'Internal error' };
}

/** The error a refused handshake carries to the client's `connect_error` (`err.message`, `err.data`). */
export function handshakeError(code: string, message: string): Error & { data: { code: string } } {
  return Object.assign(new Error(message), { data: { code } });
}
