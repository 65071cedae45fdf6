export type ModerationVerdict = 'ok' | 'toxic' | 'spam' | 'personal_data';

export interface ModerationResult {
  verdict: ModerationVerdict;
  reason: string;
  confidence: number;
  decidedBy: 'model' | 'rules';
}

const PERSONAL_DATA: [RegExp, string][] = [
  [/\b(?:\d[ -]?){13,19}\b/, 'looks like a payment card number'],
  [
    /(?:\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b|\+\d{1,3}[\s-]?\d{3,4}[\s-]?\d{3,4}[\s-]?\d{2,4}/,
    'looks like a phone number',
  ],
  [/[\w.+-]+@[\w-]+\.[\w.-]+/, 'contains an e-mail address'],
  [/\b\d{4}\s?\d{6}\b/, 'looks like a passport number'],
];
// A deliberately small list; the model does the real work when available.
// \b is ASCII-only in JavaScript, so word edges are Unicode letter look-arounds (Cyrillic too).
const TOXIC = /(?<!\p{L})(idiot|moron|stupid|retard|урод|дебил|идиот|тупой|мразь)(?!\p{L})/iu;

/**
 * The rules-only verdict used when the model is not configured, fails or is slow, so sending a
 * chat message never waits on AI.
 */
export function fastModeration(text: string): ModerationResult {
  for (const [pattern, reason] of PERSONAL_DATA)
    if (pattern.test(text)) return { verdict: 'personal_data', reason, confidence: 0.7, decidedBy: 'rules' };
  const links = text.match(/https?:\/\/\S+/g) ?? [];
  if (links.length >= 3 || /(.)\1{15,}/.test(text))
    return { verdict: 'spam', reason: 'many links or repeated characters', confidence: 0.6, decidedBy: 'rules' };
  if (TOXIC.test(text)) return { verdict: 'toxic', reason: 'contains an insult', confidence: 0.6, decidedBy: 'rules' };
  return { verdict: 'ok', reason: 'no rule matched', confidence: 0.5, decidedBy: 'rules' };
}
