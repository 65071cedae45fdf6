import { LOCALES } from '../profiles/profile-fields';

type Locale = (typeof LOCALES)[number];

export interface NotificationTexts {
  title: string;
  body: string;
}

/** Formats times of `data` for the recipient: their language, their time zone. */
export interface TextFormat {
  /** An ISO 8601 timestamp as a date and time in the recipient's zone, or undefined when it is not one. */
  dateTime(iso: string | undefined): string | undefined;
}

/** Texts of a kind from its `data`; undefined when a value it needs is missing (the producer's texts stand). */
type Template = (data: Record<string, string>, format: TextFormat) => NotificationTexts | undefined;

const INTL_LOCALE: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' };

/**
 * Templates per kind and language. Kinds without one (or whose data lacks what it needs) keep the texts the
 * producer sent. Producers add a kind's `data` fields here when they want it localized.
 */
const TEMPLATES: Record<string, Partial<Record<Locale, Template>>> = {
  match_reminder: {
    ru: (d, f) => at(f.dateTime(d.startsAt), (when) => ({ title: 'Скоро матч', body: `Матч начнётся ${when}` })),
    en: (d, f) => at(f.dateTime(d.startsAt), (when) => ({ title: 'Match soon', body: `The match starts ${when}` })),
  },
  'team_event.reminder': {
    ru: (d, f) =>
      at(f.dateTime(d.startsAt), (when) => ({
        title: d.eventTitle ? `Напоминание: ${d.eventTitle}` : 'Напоминание о событии команды',
        body: `Начало ${when}`,
      })),
    en: (d, f) =>
      at(f.dateTime(d.startsAt), (when) => ({
        title: d.eventTitle ? `Reminder: ${d.eventTitle}` : 'Team event reminder',
        body: `Starts ${when}`,
      })),
  },
  'team_event.promoted': {
    ru: (d, f) =>
      at(f.dateTime(d.startsAt), (when) => ({
        title: 'Вы в составе',
        body: `Освободилось место: вы участвуете${d.eventTitle ? ` в «${d.eventTitle}»` : ''}, начало ${when}`,
      })),
    en: (d, f) =>
      at(f.dateTime(d.startsAt), (when) => ({
        title: "You're in",
        body: `A place opened up: you take part${d.eventTitle ? ` in "${d.eventTitle}"` : ''}, starting ${when}`,
      })),
  },
  team_invite: {
    ru: (d) => (d.teamName ? { title: 'Приглашение в команду', body: `Вас пригласили в «${d.teamName}»` } : undefined),
    en: (d) =>
      d.teamName ? { title: 'Team invitation', body: `You were invited to join "${d.teamName}"` } : undefined,
  },
};

function at(when: string | undefined, texts: (when: string) => NotificationTexts): NotificationTexts | undefined {
  return when === undefined ? undefined : texts(when);
}

export function localeOf(locale: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(locale ?? '') ? (locale as Locale) : 'en';
}

export function textFormat(locale: Locale, timeZone: string | null | undefined): TextFormat {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: timeZone ?? 'UTC',
    });
  } catch {
    // A zone the runtime no longer knows: UTC, said so.
    formatter = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
  }
  return {
    dateTime: (iso) => {
      if (!iso || !/^\d{4}-\d{2}-\d{2}T/.test(iso)) return undefined;
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? undefined : formatter.format(date);
    },
  };
}

/**
 * The texts a recipient reads: the kind's template in their language (English when it has none in theirs),
 * times in their time zone; otherwise what the producer wrote.
 */
export function renderNotification(
  notification: { kind: string; title: string; body: string; data: Record<string, string> },
  recipient: { locale: string | null; timeZone: string | null } | null,
): NotificationTexts {
  const fallback = { title: notification.title, body: notification.body };
  const templates = TEMPLATES[notification.kind];
  if (!templates || !recipient) return fallback;
  const locale = localeOf(recipient.locale);
  const template = templates[locale] ?? templates.en;
  const chosen = templates[locale] ? locale : 'en';
  return template?.(notification.data, textFormat(chosen, recipient.timeZone)) ?? fallback;
}
