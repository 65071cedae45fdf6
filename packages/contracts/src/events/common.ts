import { z } from 'zod';

export const id = z.string().uuid();
export const teamFormat = z.enum(['5x5', '7x7', '11x11']);
export const teamRole = z.enum(['captain', 'vice_captain', 'player']);
export const visibility = z.enum(['public', 'private']);
export const shortText = (max: number) => z.string().min(1).max(max);
