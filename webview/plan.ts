// Turns the form into the runs of one batch: Run ×N repeats the request, optionally cycling one
// variable through a list of values; Compare sends the same request to each chosen tier or model.
import type { RunSpec } from '../src/protocol/playground';
import type { ViewState } from './state';
import { currentValues } from './state';

let counter = 0;
/** A run or batch id unique within this webview's life and across reloads (time-based prefix). */
export function newId(kind: 'b' | 'r'): string {
  counter++;
  return `${kind}-${Date.now().toString(36)}-${counter}`;
}

/** Splits the variation list into values, one per non-empty line. */
export function variationValues(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
}

export function planRuns(state: ViewState): RunSpec[] {
  const values = currentValues(state);
  if (state.mode === 'compare') {
    const tiers = state.compareTiers.map((tier) => ({ runId: newId('r'), variables: values, tier, model: null }));
    const models = state.compareModels
      .split(',')
      .map((m) => m.trim())
      .filter((m) => m.length > 0)
      .map((model) => ({ runId: newId('r'), variables: values, tier: null, model }));
    return [...tiers, ...models];
  }
  const vary = variationValues(state.varyValues);
  const repeat = Math.max(1, Math.min(50, Math.floor(state.repeat) || 1));
  return Array.from({ length: repeat }, (_, i) => ({
    runId: newId('r'),
    variables: state.varyVariable && vary.length > 0 ? { ...values, [state.varyVariable]: vary[i % vary.length] } : values,
    tier: null,
    model: null,
  }));
}
