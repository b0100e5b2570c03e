// The panel's state: what the user typed and every run of the session. It is saved with the
// webview's setState on every change, so hiding or reloading the panel loses nothing, and it is
// updated only from validated notifications.
import type { Fault, HistoryRow, Notification, PromptInfo, ProviderOption, RunResult, StageInfo, Usage } from '../src/protocol/playground';

export type Mode = 'pipeline' | 'compare';
export type RunStatus = 'running' | 'ok' | 'error' | 'cancelled';

export interface RunView {
  runId: string;
  batchId: string;
  mode: Mode;
  startedAt: string;
  request: string;
  target: string;
  provider: string;
  simulated: boolean;
  stages: StageInfo[];
  text: string;
  usage: Usage | null;
  liveCostUsd: number | null;
  result: RunResult | null;
  status: RunStatus;
  error: string | null;
}

export interface ViewState {
  version: 1;
  prompt: PromptInfo | null;
  providers: ProviderOption[];
  providerId: string;
  mode: Mode;
  request: string;
  /** Variable values per prompt uri, so switching files keeps each file's values. */
  values: Record<string, Record<string, string>>;
  repeat: number;
  /** Pipeline mode looks requests up in the semantic cache; off shows pure prefix caching. */
  semanticCache: boolean;
  varyVariable: string;
  varyValues: string;
  compareTiers: string[];
  compareModels: string;
  fault: Fault;
  runs: RunView[];
  /** The batch in flight, if any. */
  batch: { batchId: string; mode: Mode } | null;
  notice: { level: 'info' | 'error'; message: string } | null;
}

/** How many runs the history keeps; older ones drop off so saved state stays small. */
export const MAX_RUNS = 200;

export function initialState(): ViewState {
  return {
    version: 1,
    prompt: null,
    providers: [],
    providerId: 'simulator',
    mode: 'pipeline',
    request: '',
    values: {},
    repeat: 1,
    semanticCache: true,
    varyVariable: '',
    varyValues: '',
    compareTiers: [],
    compareModels: '',
    fault: 'none',
    runs: [],
    batch: null,
    notice: null,
  };
}

/** Accepts saved state only when it has this version's shape; anything else starts fresh. */
export function restoreState(saved: unknown): ViewState {
  const fresh = initialState();
  if (typeof saved !== 'object' || saved === null || (saved as { version?: unknown }).version !== 1) return fresh;
  return { ...fresh, ...(saved as Partial<ViewState>) };
}

export function currentValues(state: ViewState): Record<string, string> {
  return (state.prompt && state.values[state.prompt.uri]) ?? {};
}

const findRun = (state: ViewState, runId: string): RunView | undefined => state.runs.find((r) => r.runId === runId);

function setPrompt(state: ViewState, prompt: PromptInfo | null): void {
  state.prompt = prompt;
  // Values the extension remembers for the file win over nothing, but not over what was typed here.
  if (prompt) state.values[prompt.uri] = { ...prompt.values, ...state.values[prompt.uri] };
}

/** Applies one validated notification to the state. */
export function applyNotification(state: ViewState, n: Notification): void {
  switch (n.method) {
    case 'playground/didInit':
      state.providers = n.params.providers;
      if (!state.providers.some((p) => p.id === state.providerId)) state.providerId = n.params.defaultProviderId;
      setPrompt(state, n.params.prompt);
      return;
    case 'prompt/didChange':
      setPrompt(state, n.params.prompt);
      return;
    case 'provider/didChange':
      state.providers = n.params.providers;
      return;
    case 'run/didStart': {
      const run = findRun(state, n.params.runId);
      if (!run) return;
      run.provider = n.params.provider;
      run.simulated = n.params.simulated;
      run.target = n.params.target;
      return;
    }
    case 'run/didStage': {
      const run = findRun(state, n.params.runId);
      if (!run) return;
      run.stages.push(n.params.stage);
      // Each model call (a retry, a fallback, the escalated re-run) streams its answer from scratch.
      if (n.params.stage.stage === 'call') {
        run.text = '';
        run.usage = null;
        run.liveCostUsd = null;
      }
      return;
    }
    case 'run/didStream': {
      const run = findRun(state, n.params.runId);
      if (run) run.text += n.params.delta;
      return;
    }
    case 'run/didUsage': {
      const run = findRun(state, n.params.runId);
      if (!run) return;
      run.usage = n.params.usage;
      run.liveCostUsd = n.params.costUsd;
      return;
    }
    case 'run/didComplete': {
      const run = findRun(state, n.params.runId);
      if (!run) return;
      run.result = n.params.result;
      run.text = n.params.result.text;
      run.usage = n.params.result.usage;
      run.simulated = n.params.result.simulated;
      run.status = 'ok';
      settleBatch(state);
      return;
    }
    case 'run/didFail': {
      const run = findRun(state, n.params.runId);
      if (!run) return;
      run.status = n.params.cancelled ? 'cancelled' : 'error';
      run.error = n.params.message;
      settleBatch(state);
      return;
    }
    case 'playground/didNotify':
      state.notice = n.params;
      return;
  }
}

/** The batch is over once none of its runs is still running. */
function settleBatch(state: ViewState): void {
  const batch = state.batch;
  if (batch && !state.runs.some((r) => r.batchId === batch.batchId && r.status === 'running')) state.batch = null;
}

/** Adds the runs of a new batch, dropping the oldest beyond MAX_RUNS. */
export function addRuns(state: ViewState, runs: RunView[]): void {
  state.runs.push(...runs);
  if (state.runs.length > MAX_RUNS) state.runs.splice(0, state.runs.length - MAX_RUNS);
}

export function pendingRunIds(state: ViewState): string[] {
  return state.runs.filter((r) => r.status === 'running').map((r) => r.runId);
}

export function toHistoryRow(run: RunView): HistoryRow {
  const r = run.result;
  return {
    runId: run.runId,
    startedAt: run.startedAt,
    mode: run.mode,
    provider: run.provider,
    simulated: run.simulated,
    request: run.request,
    model: r?.model ?? run.target,
    tier: r?.tier ?? null,
    cacheHit: r?.cacheHit ?? false,
    similarity: r?.similarity ?? null,
    usage: run.usage ?? { input: null, cacheWrite: null, cacheRead: null, output: null },
    ttftMs: r?.ttftMs ?? null,
    latencyMs: r?.latencyMs ?? null,
    costUsd: r?.costUsd ?? null,
    naiveCostUsd: r?.naiveCostUsd ?? null,
    savingUsd: r?.savingUsd ?? null,
    status: run.status === 'running' ? 'cancelled' : run.status,
    error: run.error,
  };
}

export interface Totals {
  runs: number;
  costUsd: number;
  naiveCostUsd: number;
  savingUsd: number;
  cacheRead: number;
  semanticHits: number;
  simulated: boolean;
}

/** Running totals over the finished runs. Unknown costs are left out, and so counted in `runs` only. */
export function totals(runs: RunView[]): Totals {
  const t: Totals = { runs: 0, costUsd: 0, naiveCostUsd: 0, savingUsd: 0, cacheRead: 0, semanticHits: 0, simulated: false };
  for (const run of runs) {
    if (run.status !== 'ok' || !run.result) continue;
    t.runs++;
    t.costUsd += run.result.costUsd ?? 0;
    t.naiveCostUsd += run.result.naiveCostUsd ?? 0;
    t.savingUsd += run.result.savingUsd ?? 0;
    t.cacheRead += run.result.usage.cacheRead ?? 0;
    if (run.result.cacheHit) t.semanticHits++;
    t.simulated ||= run.simulated;
  }
  return t;
}
