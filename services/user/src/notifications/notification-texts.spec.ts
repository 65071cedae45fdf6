import { renderNotification } from './notification-texts';

const reminder = {
  kind: 'team_event.reminder',
  title: 'producer title',
  body: 'producer body',
  data: { startsAt: '2026-12-07T15:30:00.000Z', eventTitle: 'Training' },
};

describe('renderNotification', () => {
  it('renders the kind in Russian with the time in the recipient zone', () => {
    const texts = renderNotification(reminder, { locale: 'ru', timeZone: 'Europe/Moscow' });
    expect(texts.title).toBe('Напоминание: Training');
    expect(texts.body).toContain('18:30');
    expect(texts.body).toContain('дек');
  });

  it('renders English in another zone', () => {
    const texts = renderNotification(reminder, { locale: 'en', timeZone: 'Asia/Vladivostok' });
    expect(texts.title).toBe('Reminder: Training');
    expect(texts.body).toContain('01:30');
    expect(texts.body).toContain('8 Dec');
  });

  it('uses UTC without a zone and English for an unknown locale', () => {
    const texts = renderNotification(reminder, { locale: 'de', timeZone: null });
    expect(texts.body).toContain('15:30');
    expect(texts.title).toBe('Reminder: Training');
  });

  it("keeps the producer's texts for kinds without templates or data without the fields a template needs", () => {
    expect(renderNotification({ ...reminder, kind: 'system' }, { locale: 'ru', timeZone: null })).toEqual({
      title: 'producer title',
      body: 'producer body',
    });
    expect(
      renderNotification({ ...reminder, data: { startsAt: 'tomorrow' } }, { locale: 'ru', timeZone: null }),
    ).toEqual({ title: 'producer title', body: 'producer body' });
  });
});
