/** The vocabulary of profile fields, shared by DTOs and rules. */
export const POSITIONS = ['goalkeeper', 'defender', 'midfielder', 'forward'] as const;
export const DOMINANT_FEET = ['left', 'right', 'both'] as const;
export const LOCALES = ['ru', 'en'] as const;
export const MIN_BIRTH_YEAR = 1920;
