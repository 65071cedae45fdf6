import { genkitPlugin, type GenkitPlugin } from 'genkit/plugin';

/** What the scripted model does on one call: answer with text, fail, or answer late. */
export type ScriptedReply = string | Error | { text: string; delayMs: number };

export interface ScriptedModel {
  plugin: GenkitPlugin;
  model: string;
  /** Queue replies in call order; an empty queue fails the call, so unexpected calls are visible. */
  reply(...replies: ScriptedReply[]): void;
  /** Every request the model received (its messages as plain text), in order. */
  requests: string[];
}

/**
 * A model defined through Genkit's own plugin API whose replies tests script: the real flows,
 * schemas, tools and retries run, only the model's answer is fixed. Offline, no provider SDK.
 */
export function scriptedModel(name = 'scripted/model'): ScriptedModel {
  const queue: ScriptedReply[] = [];
  const requests: string[] = [];
  const plugin = genkitPlugin('scripted', async (ai) => {
    ai.defineModel(
      { name, supports: { output: ['json', 'text'], multiturn: true, systemRole: true } },
      async (request) => {
        requests.push(request.messages.map((m) => m.content.map((c) => c.text ?? '').join('')).join('\n'));
        const next = queue.shift();
        if (next === undefined) throw new Error('scripted model: no reply queued');
        if (next instanceof Error) throw next;
        if (typeof next !== 'string') await new Promise((r) => setTimeout(r, next.delayMs));
        const text = typeof next === 'string' ? next : next.text;
        return {
          message: { role: 'model', content: [{ text }] },
          finishReason: 'stop',
          usage: { inputTokens: 100, outputTokens: Math.ceil(text.length / 4) },
        };
      },
    );
  });
  return { plugin, model: name, reply: (...replies) => queue.push(...replies), requests };
}
