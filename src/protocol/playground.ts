// The playground's message protocol: every message the webview and the extension exchange, with its
// name, its params and its direction, in this one file. Each params type is derived from the schema
// that validates it, so the two can never drift apart. Commands go from the webview to the extension;
// notifications go the other way. Both sides validate every message on receipt and ignore (and log)
// anything unknown or malformed, because a webview is a separate, less trusted context.
//
// Nothing here may carry an API key: the webview only learns whether a provider is configured.

// ---------------------------------------------------------------------------------------------
// A tiny schema language: each schema checks an unknown value and returns an error path or null.
// ---------------------------------------------------------------------------------------------

interface Schema<T> {
  /** Returns null when `value` conforms, else a short description of the first problem. */
  check(value: unknown, path: string): string | null;
  /** Phantom field carrying the static type; never set at run time. */
  readonly _type?: T;
}
type Infer<S> = S extends Schema<infer T> ? T : never;

/** Longest string accepted anywhere (a prompt's rendered text, a streamed answer). */
const MAX_STRING = 2_000_000;
/** Longest list accepted anywhere (history rows, variable values). */
const MAX_ITEMS = 10_000;

const str = (max = MAX_STRING): Schema<string> => ({
  check: (v, p) => (typeof v !== 'string' ? `${p}: expected a string` : v.length > max ? `${p}: longer than ${max}` : null),
});
const num: Schema<number> = {
  check: (v, p) => (typeof v === 'number' && Number.isFinite(v) ? null : `${p}: expected a finite number`),
};
const bool: Schema<boolean> = { check: (v, p) => (typeof v === 'boolean' ? null : `${p}: expected a boolean`) };
const literal = <const L extends readonly string[]>(...values: L): Schema<L[number]> => ({
  check: (v, p) => (values.includes(v as string) ? null : `${p}: expected one of ${values.join(', ')}`),
});
const nullable = <T>(s: Schema<T>): Schema<T | null> => ({ check: (v, p) => (v === null ? null : s.check(v, p)) });
const arr = <T>(s: Schema<T>, max = MAX_ITEMS): Schema<T[]> => ({
  check(v, p) {
    if (!Array.isArray(v)) return `${p}: expected an array`;
    if (v.length > max) return `${p}: more than ${max} items`;
    for (let i = 0; i < v.length; i++) {
      const problem = s.check(v[i], `${p}[${i}]`);
      if (problem) return problem;
    }
    return null;
  },
});
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const record = <T>(s: Schema<T>): Schema<Record<string, T>> => ({
  check(v, p) {
    if (!isPlainObject(v)) return `${p}: expected an object`;
    const keys = Object.keys(v);
    if (keys.length > MAX_ITEMS) return `${p}: more than ${MAX_ITEMS} keys`;
    for (const k of keys) {
      const problem = s.check(v[k], `${p}.${k}`);
      if (problem) return problem;
    }
    return null;
  },
});

type Shape = Record<string, Schema<unknown>>;
type ObjectOf<S extends Shape> = { [K in keyof S]: Infer<S[K]> };
/** An object with exactly these keys (absent values are written as null); extra keys are refused. */
const obj = <S extends Shape>(shape: S): Schema<ObjectOf<S>> => ({
  check(v, p) {
    if (!isPlainObject(v)) return `${p}: expected an object`;
    for (const k of Object.keys(v)) if (!(k in shape)) return `${p}.${k}: unexpected field`;
    for (const [k, s] of Object.entries(shape)) {
      const problem = s.check(v[k], `${p}.${k}`);
      if (problem) return problem;
    }
    return null;
  },
});
/** A union discriminated by a string field `key`. */
const tagged = <K extends string, V extends Record<string, Schema<unknown>>>(
  key: K,
  variants: V,
): Schema<{ [T in keyof V]: Infer<V[T]> & { [P in K]: T } }[keyof V]> => ({
  check(v, p) {
    if (!isPlainObject(v)) return `${p}: expected an object`;
    const tag = v[key];
    if (typeof tag !== 'string' || !Object.hasOwn(variants, tag)) return `${p}.${key}: unknown variant`;
    const rest = { ...v };
    delete rest[key];
    return variants[tag].check(rest, p);
  },
});

// ---------------------------------------------------------------------------------------------
// Data carried by the messages.
// ---------------------------------------------------------------------------------------------

const id = str(200);

/** Token usage as the provider reported it; null means the provider did not report that field. */
const usage = obj({ input: nullable(num), cacheWrite: nullable(num), cacheRead: nullable(num), output: nullable(num) });
export type Usage = Infer<typeof usage>;

const providerKind = literal('simulator', 'anthropic', 'openai', 'openai-compatible');
export type ProviderKind = Infer<typeof providerKind>;

/** A provider the user can pick. `configured` says whether a key is stored — never the key itself. */
const providerOption = obj({
  id,
  label: str(200),
  kind: providerKind,
  simulated: bool,
  configured: bool,
  /** Whether a key is needed at all (the simulator and local servers need none). */
  needsKey: bool,
  tiers: arr(obj({ tier: id, model: str(200) }), 20),
});
export type ProviderOption = Infer<typeof providerOption>;

/** The prompt the panel is attached to, as the core parsed it. */
const promptInfo = obj({
  uri: str(4000),
  name: str(500),
  model: nullable(str(200)),
  maxTokens: nullable(num),
  temperature: nullable(num),
  syntax: str(40),
  variables: arr(str(200), 1000),
  /** Values last used for this file, remembered by the extension per file. */
  values: record(str()),
  /** Problems the parser reported, shown so the user knows why a variable may be missing. */
  problems: arr(str(1000), 100),
});
export type PromptInfo = Infer<typeof promptInfo>;

/** A simulator fault to inject into every request of one batch (tests and demos); the simulator's names. */
const fault = literal('none', 'server-error', 'rate-limit', 'overloaded', 'reset', 'slow', 'stall', 'truncate', 'malformed', 'no-usage');
export type Fault = Infer<typeof fault>;

/** One run of a batch: which variable values and which target (a tier, or a model in compare mode). */
const runSpec = obj({ runId: id, variables: record(str()), tier: nullable(id), model: nullable(str(200)) });
export type RunSpec = Infer<typeof runSpec>;

/** What happened in one pipeline stage, shown as it happens. */
const stage = tagged('stage', {
  semanticCache: obj({
    hit: bool,
    similarity: nullable(num),
    matchedRequest: nullable(str()),
    guard: nullable(str(200)),
    embedder: str(200),
  }),
  route: obj({ tier: id, confidence: num, reason: str(2000) }),
  call: obj({ model: str(200), tier: nullable(id), provider: str(200) }),
  escalate: obj({ from: id, to: id, reason: str(2000) }),
  retry: obj({ attempt: num, delayMs: num, reason: str(2000) }),
  fallback: obj({ from: str(200), to: str(200), reason: str(2000) }),
});
export type StageInfo = Infer<typeof stage>;

/** The final figures of one run. Costs are USD; `simulated` marks numbers the simulator produced. */
const runResult = obj({
  text: str(),
  model: str(200),
  tier: nullable(id),
  usage,
  ttftMs: nullable(num),
  latencyMs: num,
  costUsd: nullable(num),
  naiveCostUsd: nullable(num),
  savingUsd: nullable(num),
  cacheHit: bool,
  similarity: nullable(num),
  simulated: bool,
});
export type RunResult = Infer<typeof runResult>;

/** One row of the history table as exported to CSV. */
const historyRow = obj({
  runId: id,
  startedAt: str(40),
  mode: literal('pipeline', 'compare'),
  provider: str(200),
  simulated: bool,
  request: str(),
  model: str(200),
  tier: nullable(id),
  cacheHit: bool,
  similarity: nullable(num),
  usage,
  ttftMs: nullable(num),
  latencyMs: nullable(num),
  costUsd: nullable(num),
  naiveCostUsd: nullable(num),
  savingUsd: nullable(num),
  status: literal('ok', 'error', 'cancelled'),
  error: nullable(str(4000)),
});
export type HistoryRow = Infer<typeof historyRow>;

// ---------------------------------------------------------------------------------------------
// Messages. Commands: webview → extension. Notifications: extension → webview.
// ---------------------------------------------------------------------------------------------

const commands = {
  /** The webview is listening; the extension posts nothing before this. Lists runs it still waits for. */
  'webview/ready': obj({ pendingRunIds: arr(id, 1000) }),
  /** Remember the variable values for the current prompt file. */
  'prompt/setValues': obj({ uri: str(4000), values: record(str()) }),
  /** Start a batch: sequential runs in pipeline mode, concurrent columns in compare mode. */
  'run/start': obj({
    batchId: id,
    mode: literal('pipeline', 'compare'),
    providerId: id,
    request: str(),
    runs: arr(runSpec, 100),
    /** Pipeline mode: look the request up in the semantic cache first (compare mode never does). */
    semanticCache: bool,
    fault,
  }),
  /** Stop a batch in flight. */
  'run/cancel': obj({ batchId: id }),
  /** Ask the extension to store an API key for a provider through VS Code's own input box. */
  'provider/setApiKey': obj({ providerId: id }),
  /** Save the history table as CSV through a save dialog. */
  'history/export': obj({ rows: arr(historyRow) }),
} satisfies Record<string, Schema<unknown>>;

const notifications = {
  /** Everything the panel needs to render; sent after `webview/ready`. */
  'playground/didInit': obj({ prompt: nullable(promptInfo), providers: arr(providerOption, 50), defaultProviderId: id }),
  /** The prompt was edited or another one was opened; providers are unchanged. */
  'prompt/didChange': obj({ prompt: nullable(promptInfo) }),
  /** Providers changed (a key was stored or removed, settings changed). */
  'provider/didChange': obj({ providers: arr(providerOption, 50) }),
  'run/didStart': obj({ batchId: id, runId: id, provider: str(200), simulated: bool, target: str(200) }),
  'run/didStage': obj({ runId: id, stage }),
  /** A piece of the streamed answer. */
  'run/didStream': obj({ runId: id, delta: str() }),
  /** Usage as the stream reports it; the first one arrives with the stream's first usage event. */
  'run/didUsage': obj({ runId: id, usage, costUsd: nullable(num) }),
  'run/didComplete': obj({ runId: id, result: runResult }),
  /** A run ended without a result: the provider's message, or cancellation. */
  'run/didFail': obj({ runId: id, message: str(4000), cancelled: bool }),
  /** Outcome of an export or key request, shown inline. */
  'playground/didNotify': obj({ level: literal('info', 'error'), message: str(4000) }),
} satisfies Record<string, Schema<unknown>>;

export type CommandName = keyof typeof commands;
export type NotificationName = keyof typeof notifications;
export type CommandParams<M extends CommandName> = Infer<(typeof commands)[M]>;
export type NotificationParams<M extends NotificationName> = Infer<(typeof notifications)[M]>;

/** A message from the webview, narrowed by its method. */
export type Command = { [M in CommandName]: { method: M; params: CommandParams<M> } }[CommandName];
/** A message from the extension, narrowed by its method. */
export type Notification = { [M in NotificationName]: { method: M; params: NotificationParams<M> } }[NotificationName];

/** The outcome of validating a received message: the typed message, or why it was refused. */
export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

function parseWith<T>(table: Record<string, Schema<unknown>>, raw: unknown): Parsed<T> {
  if (!isPlainObject(raw)) return { ok: false, reason: 'not an object' };
  const method = raw.method;
  if (typeof method !== 'string' || !Object.hasOwn(table, method)) {
    return { ok: false, reason: `unknown method ${JSON.stringify(String(method)).slice(0, 80)}` };
  }
  for (const k of Object.keys(raw)) if (k !== 'method' && k !== 'params') return { ok: false, reason: `unexpected field ${k}` };
  const problem = table[method].check(raw.params, 'params');
  return problem ? { ok: false, reason: `${method}: ${problem}` } : { ok: true, message: raw as T };
}

/** Validates a message received from the webview. */
export const parseCommand = (raw: unknown): Parsed<Command> => parseWith<Command>(commands, raw);
/** Validates a message received from the extension. */
export const parseNotification = (raw: unknown): Parsed<Notification> => parseWith<Notification>(notifications, raw);

/** Builds a command with its params checked by the compiler. */
export const command = <M extends CommandName>(method: M, params: CommandParams<M>): Command =>
  ({ method, params }) as Command;
/** Builds a notification with its params checked by the compiler. */
export const notification = <M extends NotificationName>(method: M, params: NotificationParams<M>): Notification =>
  ({ method, params }) as Notification;
