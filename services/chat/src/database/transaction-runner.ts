import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

/** A transaction handle: repositories and the events publisher take it so one change commits as a whole. */
export type Tx = Prisma.TransactionClient;

@Injectable()
export class TransactionRunner {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Runs `work` in one READ COMMITTED transaction; rules that need a stable roster lock the team row first. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { maxWait: 5_000, timeout: 15_000 });
  }
}
