/** Pure tournament domain: formats, scheduling, standings and stats. No I/O, no framework. */
export * from './formats/fixture';
export * from './formats/round-robin';
export * from './formats/bracket';
export * from './formats/single-elimination';
export * from './formats/double-elimination';
export * from './formats/groups-playoffs';
export * from './formats/swiss';
export * from './scheduling/schedule-types';
export * from './scheduling/scheduler';
export { checkBooking } from './scheduling/slot-check';
export * from './scheduling/bracket-schedulables';
export * from './standings/table';
export * from './standings/fair-play';
export * from './standings/standings';
export * from './standings/presets';
export * from './stats/leaderboards';
export * from './placements/placements';
export * from './rating/elo';
