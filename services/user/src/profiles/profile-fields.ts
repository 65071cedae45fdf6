/** The vocabulary of profile fields, shared by DTOs and rules. */
export const POSITIONS = ['goalkeeper', 'defender', 'midfielder', 'forward'] as const;
export const DOMINANT_FEET = ['left', 'right', 'both'] as const;
export const LOCALES = ['ru', 'en'] as const;
export const MIN_BIRTH_YEAR = 1920;

/** Whether the runtime knows `zone` as an IANA time zone (`Europe/Moscow`, `UTC` …). */
export function isIanaTimeZone(zone: string): boolean {
  if (zone.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
