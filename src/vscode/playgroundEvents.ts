// Translates the pipeline's events into the playground's notifications. Pure (no vscode import), so
// the mapping is unit-tested under plain Node. Errors are passed through `redact` first: a provider's
// message is shown inline, but never with a key in it.
import type { PipelineEvent, PipelineResult } from '../pipeline/events';
import { notification, type Notification, type RunResult } from '../protocol/playground';

export function toRunResult(r: PipelineResult): RunResult {
  const tier = r.route?.tier ?? r.calls.at(-1)?.tier ?? null;
  return {
    text: r.text,
    model: r.model,
    tier,
    usage: r.usage,
    ttftMs: r.ttftMs,
    latencyMs: r.latencyMs,
    costUsd: r.costUSD,
    naiveCostUsd: r.naiveCostUSD,
    savingUsd: r.savingUSD,
    cacheHit: r.cacheHit,
    similarity: r.similarity,
    simulated: r.simulated,
  };
}

/**
 * The notification for one pipeline event of run `runId`, or null for events the panel shows in
 * another way. `redact` removes secrets from provider messages; `costOf` prices live usage.
 */
export function notificationFor(
  runId: string,
  event: PipelineEvent,
  redact: (message: string) => string,
  costOf: (model: string, usage: Extract<PipelineEvent, { type: 'usage' }>['usage']) => number | null,
): Notification | null {
  switch (event.type) {
    case 'semantic-cache':
      return notification('run/didStage', {
        runId,
        stage: {
          stage: 'semanticCache',
          hit: event.hit,
          similarity: event.similarity,
          matchedRequest: event.matchedRequest,
          guard: event.guard,
          embedder: event.embedder,
        },
      });
    case 'route': {
      const d = event.decision;
      const why = d.escalatedByMargin ? `${d.reason} (low confidence: moved one tier up)` : d.reason;
      return notification('run/didStage', { runId, stage: { stage: 'route', tier: d.tier, confidence: d.confidence, reason: `${why} [${d.router}]` } });
    }
    case 'model-call':
      return notification('run/didStage', {
        runId,
        stage: { stage: 'call', model: event.model, tier: event.tier, provider: event.simulated ? `${event.provider} (Simulated)` : event.provider },
      });
    case 'retry':
      return notification('run/didStage', {
        runId,
        stage: { stage: 'retry', attempt: event.attempt, delayMs: event.delayMs, reason: redact(event.reason) },
      });
    case 'fallback':
      return notification('run/didStage', {
        runId,
        stage: { stage: 'fallback', from: event.fromModel, to: event.toModel, reason: redact(event.reason) },
      });
    case 'escalation':
      return notification('run/didStage', { runId, stage: { stage: 'escalate', from: event.fromTier, to: event.toTier, reason: event.reason } });
    case 'text':
      return notification('run/didStream', { runId, delta: event.delta });
    case 'usage':
      return notification('run/didUsage', { runId, usage: event.usage, costUsd: costOf(event.model, event.usage) });
    case 'done':
      return notification('run/didComplete', { runId, result: toRunResult(event.result) });
    case 'error':
      return notification('run/didFail', { runId, message: redact(event.message), cancelled: event.code === 'aborted' });
  }
}
