import { PrismaTransactionRunner } from '@prodvor/platform';
import type { Prisma } from '../generated/prisma/client';

/** A transaction handle: repositories and the outbox take it so one change commits as a whole. */
export type Tx = Prisma.TransactionClient;

/** The platform's transaction runner over this service's client (and the token it is injected by). */
export class TransactionRunner extends PrismaTransactionRunner<Tx> {}
