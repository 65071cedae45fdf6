import type { OccurrenceOverride, TeamEventWithOverrides, WeeklyRule } from './team-event.model';

export function ruleOf(rule: WeeklyRule | null): WeeklyRule | null {
  return rule && rule.weekdays.length > 0 ? rule : null;
}

export function overrideOf(event: TeamEventWithOverrides, occurrenceStart: Date): OccurrenceOverride | undefined {
  return event.overrides.find((o) => o.occurrenceStart.getTime() === occurrenceStart.getTime());
}
