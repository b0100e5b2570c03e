// The request pipeline: route → semantic cache → budget → provider call (prefix-cached, streamed,
// retried, with fallback and escalation) → accounting → call log. One object serves concurrent runs;
// every stage is reported as an event while it happens.
import { randomUUID } from 'node:crypto';
import type { CallRecord, PipelineEvent, PipelineErrorCode, PipelineResult, RouteDecision } from './events';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { createPricer, naiveCost, sumCosts, type Pricer } from './accounting';
import { BudgetExceededError, BudgetGuard } from './budget';
import type { CallLog, CallLogRow } from './callLog';
import { ESCALATION_INSTRUCTION, escalationSignal } from './escalation';
import { sha256 } from './hash';
import { redactSecrets } from './redact';
import { allText, dynamicText, routingText, staticPrefix, type RenderedRequest } from './request';
import { AbortedError, callResilient, DEFAULT_RETRY_POLICY, ProviderError, type ResilienceHooks, type RetryPolicy } from './providers/resilient';
import type { ModelProvider } from './providers/types';
import { createRouter, type Route } from './router';
import { cacheNamespace, type SemanticCache } from './semantic/cache';
import { addUsage } from './usage';

export interface TierConfig {
  name: string;
  model: string;
  /** Tried when the model keeps failing (after retries) or is refused. */
  fallbackModel?: string;
}

export interface PipelineDeps {
  provider: ModelProvider;
  /** Cheapest first; the last is the frontier tier (naive-cost reference and escalation target). */
  tiers: TierConfig[];
  /** Default: the rule classifier over the tier names. */
  route?: Route;
  semanticCache?: SemanticCache | null;
  price?: Pricer;
  callLog?: CallLog | null;
  /** Session spend limit in USD; null or omitted = no limit. */
  budgetUSD?: number | null;
  cacheTtl?: '5m' | '1h';
  /** Default `max_tokens` (1024). */
  maxTokens?: number;
  retry?: Partial<RetryPolicy>;
  /** Test hooks for backoff waits. */
  sleep?: ResilienceHooks['sleep'];
  clock?: Clock;
  /** Strings (API keys) that must never appear in an event or error. */
  secrets?: string[];
  /** Problems that do not fail a run (a store that cannot be written right now). */
  warn?: (message: string) => void;
}

export interface PipelineRequest {
  request: RenderedRequest;
  /** Part of the semantic-cache namespace: a new version never gets an older version's answers. */
  promptVersion?: string;
  /** Label for the call log (default `playground`). */
  feature?: string;
  maxTokens?: number;
  /** Skip routing and use this tier. */
  tier?: string;
  /** Skip routing and call this model (compare mode). */
  model?: string;
  /** Set false to bypass the semantic cache. */
  semanticCache?: boolean;
  requestId?: string;
}

export interface RunOptions {
  signal?: AbortSignal;
  onEvent?: (event: PipelineEvent) => void;
}

export class PipelineError extends Error {
  constructor(
    message: string,
    readonly code: PipelineErrorCode,
  ) {
    super(message);
    this.name = 'PipelineError';
  }
}

export interface Pipeline {
  run(request: PipelineRequest, options?: RunOptions): Promise<PipelineResult>;
  readonly budget: BudgetGuard;
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  if (deps.tiers.length === 0) throw new PipelineError('at least one tier is needed', 'config');
  const tierNames = deps.tiers.map((t) => t.name);
  const route = deps.route ?? createRouter({ tiers: tierNames });
  const price = deps.price ?? createPricer();
  const clock = deps.clock ?? systemClock;
  const ttl = deps.cacheTtl ?? '5m';
  const policy = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
  const budget = new BudgetGuard(deps.budgetUSD ?? null, price);
  const frontier = deps.tiers[deps.tiers.length - 1]!;
  const warn = deps.warn ?? (() => undefined);
  const redact = (message: string) => redactSecrets(message, deps.secrets ?? []);

  async function run(req: PipelineRequest, options: RunOptions = {}): Promise<PipelineResult> {
    const signal = options.signal ?? new AbortController().signal;
    const emit = (e: PipelineEvent) => options.onEvent?.(e);
    const started = clock.now();
    const requestId = req.requestId ?? randomUUID();
    const maxTokens = req.maxTokens ?? deps.maxTokens ?? 1024;
    let reservation = 0;
    const calls: CallRecord[] = [];
    try {
      const text = dynamicText(req.request);
      const prefix = staticPrefix(req.request);
      // Hashed once: large prompts make this the costliest step of the pipeline's own work.
      const prefixHash = sha256(prefix);

      const decision = decide(req, routingText(req.request));
      const tierIndex = Math.max(0, tierNames.indexOf(decision.tier));
      const tier = deps.tiers[tierIndex]!;
      const model = req.model ?? tier.model;
      emit({ type: 'route', decision, model });

      const cache = req.semanticCache === false || text === '' ? null : (deps.semanticCache ?? null);
      const namespace = cacheNamespace(prefix, decision.tier, req.promptVersion ?? '1', prefixHash);
      let vector;
      if (cache) {
        vector = await cache.embed(text, signal);
        const found = await cache.lookup(namespace, text, vector);
        emit({ type: 'semantic-cache', hit: found.hit, similarity: found.similarity, matchedRequest: found.matched?.request ?? null, guard: found.guard, threshold: cache.threshold, embedder: cache.embedder.label });
        if (found.hit && found.matched) {
          const result: PipelineResult = {
            requestId, text: found.matched.answer, simulated: deps.provider.simulated, cacheHit: true, similarity: found.similarity, route: decision,
            model: found.matched.model, calls: [], usage: { input: 0, cacheWrite: 0, cacheRead: 0, output: 0 }, costUSD: 0,
            naiveCostUSD: naiveCost(price, found.matched.usage, frontier.model), savingUSD: null, latencyMs: clock.now() - started, ttftMs: clock.now() - started,
          };
          result.savingUSD = result.naiveCostUSD;
          emit({ type: 'text', delta: result.text });
          await log(req, result, 'semantic-cache');
          emit({ type: 'done', result });
          return result;
        }
      }
      if (signal.aborted) throw new AbortedError();

      const escalates = req.model === undefined && tierIndex < deps.tiers.length - 1;
      const models = req.model ? [req.model] : [tier.model, ...(tier.fallbackModel ? [tier.fallbackModel] : [])];
      reservation = budget.reserve(allText(req.request).length, maxTokens, escalates ? [models[0]!, frontier.model] : [models[0]!], ttl);

      let answer = await callTier(tier.name, escalates ? withEscalationInstruction(req.request) : req.request, models, escalates, prefixHash);
      calls.push(answer.record);
      const reason = escalates ? escalationSignal(answer.text) : null;
      if (reason !== null) {
        answer.record.escalation = true;
        emit({ type: 'escalation', fromTier: tier.name, toTier: frontier.name, reason });
        const frontierModels = [frontier.model, ...(frontier.fallbackModel ? [frontier.fallbackModel] : [])];
        answer = await callTier(frontier.name, req.request, frontierModels, false, prefixHash);
        calls.push(answer.record);
      }

      const usage = calls.map((c) => c.usage).reduce(addUsage);
      const costUSD = sumCosts(calls.map((c) => c.costUSD));
      const naive = naiveCost(price, answer.record.usage, frontier.model);
      const result: PipelineResult = {
        requestId, text: answer.text, simulated: deps.provider.simulated, cacheHit: false, similarity: null, route: decision,
      model: answer.record.model, calls, usage, costUSD, naiveCostUSD: naive,
        savingUSD: naive === null || costUSD === null ? null : naive - costUSD,
      latencyMs: clock.now() - started, ttftMs: answer.firstTextAt === null ? null : answer.firstTextAt - started,
      };
      // Only a complete answer is cached: not one cut by max_tokens, never an escalation request.
      if (cache && vector && !answer.truncated) {
        await cache.put(namespace, text, answer.text, answer.record.model, answer.record.usage, vector).catch((err: Error) => warn(`semantic cache not updated: ${err.message}`));
      }
      budget.settle(reservation, costUSD);
      reservation = 0;
      await log(req, result, `${decision.tier} (${decision.router})`);
      emit({ type: 'done', result });
      return result;
    } catch (err) {
      budget.settle(reservation, sumCosts(calls.map((c) => c.costUSD)));
      const failure = toPipelineError(err, signal);
      emit({ type: 'error', message: failure.message, code: failure.code });
      throw failure;
    }

    /** One tier's call, streamed as events; small-tier text is held back while it may be an escalation. */
    async function callTier(tierName: string, request: RenderedRequest, models: string[], mayEscalate: boolean, prefixHash: string) {
      const callStart = clock.now();
      let firstTextAt: number | null = null;
      let held = '';
      let holding = mayEscalate;
      let currentModel = models[0]!;
      const hooks: ResilienceHooks = {
        onAttempt: (m, attempt) => {
          currentModel = m;
          held = '';
          holding = mayEscalate;
          emit({ type: 'model-call', tier: tierName, model: m, provider: deps.provider.kind, attempt, simulated: deps.provider.simulated });
        },
        onRetry: (m, attempt, delayMs, reason) => emit({ type: 'retry', model: m, attempt, delayMs, reason: redact(reason) }),
        onFallback: (from, to, reason) => emit({ type: 'fallback', fromModel: from, toModel: to, reason: redact(reason) }),
        sleep: deps.sleep,
      };
      const outcome = await callResilient(
        deps.provider,
        request,
        models,
        {
          maxTokens,
          cacheTtl: ttl,
          // One cache key per prefix; the small tier's extra instruction goes to another model anyway.
          prefixHash,
          onText: (delta) => {
            firstTextAt ??= clock.now();
            if (holding) {
              held += delta;
              const start = held.trimStart();
              if (start === '' || start.startsWith('{') || start.startsWith('`')) return;
              holding = false;
              emit({ type: 'text', delta: held });
              return;
            }
            emit({ type: 'text', delta });
          },
          onUsage: (u) => emit({ type: 'usage', model: currentModel, usage: u }),
        },
        signal,
        policy,
        hooks,
      );
      if (holding && held && escalationSignal(outcome.text) === null) emit({ type: 'text', delta: held });
      const record: CallRecord = {
        tier: tierName,
      model: outcome.model,
      provider: deps.provider.kind,
        usage: outcome.usage,
      costUSD: price(outcome.usage, outcome.model, ttl),
      latencyMs: clock.now() - callStart,
      ttftMs: firstTextAt === null ? null : firstTextAt - callStart,
      requestId: outcome.requestId,
        attempts: outcome.attempts,
        escalation: false,
      };
      const truncated = outcome.stopReason === 'max_tokens' || outcome.stopReason === 'length';
      return { text: outcome.text, record, firstTextAt, truncated };
    }
  }

  function decide(req: PipelineRequest, text: string): RouteDecision {
    if (req.model !== undefined) {
      const tier = req.tier ?? deps.tiers.find((t) => t.model === req.model)?.name ?? frontier.name;
      return { tier, confidence: 1, reason: `model ${req.model} chosen by the user`, router: 'fixed', escalatedByMargin: false };
    }
    if (req.tier !== undefined) {
      if (!tierNames.includes(req.tier)) throw new PipelineError(`unknown tier "${req.tier}" (tiers: ${tierNames.join(', ')})`, 'config');
      return { tier: req.tier, confidence: 1, reason: `tier ${req.tier} chosen by the user`, router: 'fixed', escalatedByMargin: false };
    }
    return route(text);
  }

  /** Appends to the call log; a log that cannot be written is reported, and the run still succeeds. */
  async function log(req: PipelineRequest, r: PipelineResult, routeLabel: string): Promise<void> {
    if (!deps.callLog) return;
    const u = r.usage;
    const row: CallLogRow = {
      timestamp: new Date(clock.now()).toISOString(),
      feature: req.feature ?? 'playground',
      model: r.model,
      route: routeLabel,
      provider: deps.provider.simulated ? `${deps.provider.kind} (simulated)` : deps.provider.kind,
      promptTokens: u.input === null || u.cacheRead === null || u.cacheWrite === null ? null : u.input + u.cacheRead + u.cacheWrite,
      completionTokens: u.output,
      cacheReadTokens: u.cacheRead,
      cacheWriteTokens: u.cacheWrite,
      costUSD: r.costUSD,
      naiveCostUSD: r.naiveCostUSD,
      latencyMs: r.latencyMs,
      ttftMs: r.ttftMs,
      cacheHit: r.cacheHit,
      similarity: r.similarity,
      requestId: r.requestId,
      simulated: r.simulated,
    };
    await deps.callLog.append(row).catch((err: Error) => warn(`call log not written: ${redact(err.message)}`));
  }

  function toPipelineError(err: unknown, signal: AbortSignal): PipelineError {
    if (err instanceof PipelineError) return new PipelineError(redact(err.message), err.code);
    if (err instanceof AbortedError || signal.aborted) return new PipelineError('cancelled', 'aborted');
    if (err instanceof BudgetExceededError) return new PipelineError(err.message, 'budget');
    if (err instanceof ProviderError) return new PipelineError(redact(err.message), 'provider');
    return new PipelineError(redact(err instanceof Error ? err.message : String(err)), 'provider');
  }

  return { run, budget };
}

/** The small tier's request: the escalation instruction after the system prompt. */
function withEscalationInstruction(req: RenderedRequest): RenderedRequest {
  const allStatic = req.system.every((b) => b.static);
  return { ...req, system: [...req.system, { text: `\n\n${ESCALATION_INSTRUCTION}`, static: allStatic }] };
}

export type { PipelineEvent, PipelineResult, RouteDecision, Usage, CallRecord, GuardName, PipelineErrorCode } from './events';
export type { RenderedRequest, Block, ChatMessage, ToolSpec } from './request';
export { renderTemplate, requestFromParts, MissingVariableError, RenderError } from './request';
export { SemanticCache, cacheNamespace } from './semantic/cache';
export { lexicalEmbedder } from './embed/lexical';
export { createRouter, parseExamples } from './router';
export { createPricer } from './accounting';
export { CallLog, callLogToCsv, toOtelAttributes } from './callLog';
export type { ModelProvider } from './providers/types';
