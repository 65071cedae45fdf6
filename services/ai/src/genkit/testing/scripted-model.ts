import type { Part } from 'genkit';
import { genkitPlugin, type GenkitPlugin } from 'genkit/plugin';

/** A tool call the scripted model asks Genkit to run (Genkit validates the input and runs the real tool). */
export interface ScriptedToolCall {
  name: string;
  input: unknown;
}

/**
 * What the scripted model does on one call: answer with text, fail, answer late (after `delayMs`, or
 * once `until` settles, so a test can act while the model is "thinking"), or call tools.
 */
export type ScriptedReply =
  | string
  | Error
  | { text: string; delayMs: number }
  | { text: string; until: Promise<unknown> }
  | { toolCalls: ScriptedToolCall[] };

export interface ScriptedModel {
  plugin: GenkitPlugin;
  model: string;
  /** Queue replies in call order; an empty queue fails the call, so unexpected calls are visible. */
  reply(...replies: ScriptedReply[]): void;
  /**
   * Every request the model received, its messages as plain text, in order: tool calls read as
   * `<tool call NAME>{input}`, tool results as `<tool NAME>{output}`.
   */
  requests: string[];
  /** How many calls were cancelled through their abort signal while the model was answering. */
  aborted(): number;
}

function partText(part: Part): string {
  if (part.text !== undefined) return part.text;
  if (part.toolRequest) return `<tool call ${part.toolRequest.name}>${JSON.stringify(part.toolRequest.input)}`;
  if (part.toolResponse) return `<tool ${part.toolResponse.name}>${JSON.stringify(part.toolResponse.output)}`;
  return '';
}

/**
 * A model defined through Genkit's own plugin API whose replies tests script: the real flows,
 * schemas, tools and retries run, only the model's answer is fixed. Offline, no provider SDK.
 */
export function scriptedModel(name = 'scripted/model'): ScriptedModel {
  const queue: ScriptedReply[] = [];
  const requests: string[] = [];
  let aborted = 0;
  const plugin = genkitPlugin('scripted', async (ai) => {
    ai.defineModel(
      {
        apiVersion: 'v2',
        name,
        supports: { output: ['json', 'text'], multiturn: true, systemRole: true, tools: true },
      },
      async (request, { abortSignal }) => {
        requests.push(request.messages.map((m) => m.content.map(partText).join('')).join('\n'));
        const next = queue.shift();
        if (next === undefined) throw new Error('scripted model: no reply queued');
        if (next instanceof Error) throw next;
        if (typeof next !== 'string' && 'toolCalls' in next) {
          return {
            message: {
              role: 'model',
              content: next.toolCalls.map((call, i) => ({
                toolRequest: { name: call.name, input: call.input, ref: String(i) },
              })),
            },
            finishReason: 'stop',
            usage: { inputTokens: 100, outputTokens: 10 },
          };
        }
        if (typeof next !== 'string') {
          const late = 'until' in next ? next.until : new Promise((r) => setTimeout(r, next.delayMs));
          // Like a provider SDK: an aborted call stops waiting and fails.
          const cancelled = new Promise<never>((_resolve, reject) =>
            abortSignal.addEventListener('abort', () => {
              aborted++;
              reject(new Error('aborted'));
            }),
          );
          await Promise.race([late, cancelled]);
        }
        const text = typeof next === 'string' ? next : next.text;
        return {
          message: { role: 'model', content: [{ text }] },
          finishReason: 'stop',
          usage: { inputTokens: 100, outputTokens: Math.ceil(text.length / 4) },
        };
      },
    );
  });
  return { plugin, model: name, reply: (...replies) => queue.push(...replies), requests, aborted: () => aborted };
}
