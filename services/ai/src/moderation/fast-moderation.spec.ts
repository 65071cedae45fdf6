import { fastModeration } from './fast-moderation';

describe('fastModeration', () => {
  it.each([
    ['call me at +7 912 345-67-89', 'personal_data'],
    ['my card 4111 1111 1111 1111', 'personal_data'],
    ['write to ivan@example.com', 'personal_data'],
    ['http://a.ru http://b.ru http://c.ru buy now', 'spam'],
    ['aaaaaaaaaaaaaaaaaaaaaaaa', 'spam'],
    ['ты дебил', 'toxic'],
    ['Game on Saturday at 18:00?', 'ok'],
    ['Score was 3-2, great match', 'ok'],
  ])('%s → %s', (text, verdict) => {
    const result = fastModeration(text);
    expect(result.verdict).toBe(verdict);
    expect(result.decidedBy).toBe('rules');
  });
});
