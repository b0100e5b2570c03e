// Exact Claude token counts for the CodeLens, from Anthropic's count-tokens endpoint. This is the
// entry of its own bundle (dist/claudeCount.js, loaded by exactCounts.ts on first use) so the
// extension host parses neither the SDK nor the pipeline unless the user opted in. No `vscode` import:
// the decision is unit-tested under plain Node.
import { parseTemplate } from '../core/template';
import { createTokenCounter, type TokenCounter } from '../pipeline/countTokens';
import { renderTemplate } from '../pipeline/request';
import { bareModel, isClaudeModel } from '../core/tokens/models';

export interface ExactCountInput {
  /** `promptCostLens.exactClaudeCounts`, already read with workspace trust applied. */
  optedIn: boolean;
  trusted: boolean;
  model: string;
  /** The stored Anthropic key, if any. */
  apiKey: string | undefined;
  text: string;
  fileName: string;
}

export type ExactCountResult =
  /** No request is made: not opted in, untrusted, or not a Claude model. */
  | { kind: 'off' }
  | { kind: 'exact'; tokens: number }
  /** Opted in but no exact figure: the estimate stays, with why. */
  | { kind: 'estimate'; reason: string };

export type CounterFactory = (apiKey: string) => TokenCounter;

/**
 * The document's rendered request total as Anthropic counts it, or why not. Variables are rendered
 * as their own placeholder text, so the count describes the template as written (as the estimate does).
 * Nothing reaches `counterFor` unless the user opted in, the workspace is trusted, the model is a
 * Claude model and a key is stored.
 */
export async function exactClaudeCount(
  input: ExactCountInput,
  counterFor: CounterFactory = sharedCounter,
  signal?: AbortSignal,
): Promise<ExactCountResult> {
  if (!input.optedIn || !input.trusted || !isClaudeModel(input.model)) return { kind: 'off' };
  if (!input.apiKey) return { kind: 'estimate', reason: 'no Anthropic API key set' };
  try {
    const parsed = parseTemplate(input.text, { fileName: input.fileName });
    const variables: Record<string, string> = {};
    for (const seg of parsed.segments) {
      if (seg.kind === 'dynamic' && seg.name !== undefined) variables[seg.name] ??= input.text.slice(seg.start, seg.end);
    }
    const request = renderTemplate(input.text, parsed, variables);
    const tokens = await counterFor(input.apiKey).count(request, bareModel(input.model), signal);
    return { kind: 'exact', tokens };
  } catch (err) {
    return { kind: 'estimate', reason: shortReason(err) };
  }
}

/** One line, without anything that could echo a key (the SDK's messages name status and type only). */
function shortReason(err: unknown): string {
  const status = (err as { status?: unknown })?.status;
  if (typeof status === 'number') return `count failed (HTTP ${status})`;
  if ((err as { name?: unknown })?.name === 'AbortError') return 'count cancelled';
  const message = err instanceof Error ? err.message : String(err);
  return `count failed: ${message.split('\n')[0]!.slice(0, 80)}`;
}

// One counter per key, so its content-hash cache lives as long as the extension does.
const counters = new Map<string, TokenCounter>();
function sharedCounter(apiKey: string): TokenCounter {
  let counter = counters.get(apiKey);
  if (!counter) {
    counters.clear();
    counter = createTokenCounter({ apiKey });
    counters.set(apiKey, counter);
  }
  return counter;
}
