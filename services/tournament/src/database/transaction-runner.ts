import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

/** A transaction handle: repositories and publishers take it so one change commits as a whole. */
export type Tx = Prisma.TransactionClient;

@Injectable()
export class TransactionRunner {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** One READ COMMITTED transaction; changes to a tournament's matches lock the tournament row first. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { maxWait: 5_000, timeout: 20_000 });
  }
}
