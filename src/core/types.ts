// The shared vocabulary of the analysis core. Everything here is plain, serialisable data measured in
// UTF-16 offsets into the document text, so the CLI, the editor adapter, the webview and the tests
// can all consume it without converting anything but positions.

/** OpenAI BPE encodings that are counted exactly. */
export type Encoding = 'o200k_base' | 'cl100k_base';

/** How a document is structured. */
export type TemplateFormat = 'prompty' | 'promptfile' | 'plain' | 'chat-json';

/**
 * How variables are written. `mustache` covers Mustache, Handlebars, Jinja and Nunjucks (`{{ x }}`,
 * `{% %}`, `{# #}`); `fstring` is Python `str.format` / LangChain (`{x}`, `{{` escapes); `js` is `${x}`;
 * `vscode` is VS Code prompt-file variables (`${input:x}`, `${selection}`, …).
 */
export type VariableSyntax = 'mustache' | 'fstring' | 'js' | 'vscode' | 'none';

/**
 * What a stretch of the document is.
 * - `static`: sent verbatim on every request.
 * - `dynamic`: decided at render time (a variable, or text inside an `if`/`for` block, or the tag itself).
 * - `volatile`: static text that still changes between deploys or days (dates, UUIDs, "Today is …").
 * - `comment`, `frontMatter`, `structure`: not sent (template comments, YAML header, JSON syntax/keys).
 * - `role`: a role marker such as `system:` in Prompty; it frames a message rather than being content.
 */
export type SegmentKind = 'static' | 'dynamic' | 'volatile' | 'comment' | 'frontMatter' | 'structure' | 'role';

/** Role of a message in request order: tools, then system, then the conversation. */
export type Role = 'tools' | 'system' | 'developer' | 'user' | 'assistant' | 'tool';

/** A half-open range [start, end) of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

export interface Segment extends Span {
  kind: SegmentKind;
  /** Variable name for `dynamic` segments that are a single variable; the role for `role` segments. */
  name?: string;
  /** Index into `ParsedTemplate.messages` of the message this segment belongs to. */
  message?: number;
}

export interface MessageSpan extends Span {
  role: Role;
  /** Position in the request the provider receives (tools < system < messages in document order). */
  order: number;
  /** The message's `name` field (chat JSON); OpenAI's framing adds a token for it. */
  name?: string;
}

/** Settings a template carries for itself (Prompty or prompt-file front matter, chat JSON fields). */
export interface TemplateSettings {
  model?: string;
  maxTokens?: number;
  temperature?: number;
}

/** A `cache_control` marker found in chat JSON: the offset at which the marked block ends. */
export interface Breakpoint {
  offset: number;
  ttl: '5m' | '1h';
}

/** Result of parsing: segments cover the text exactly, in document order, with no gaps. */
export interface ParsedTemplate {
  format: TemplateFormat;
  syntax: VariableSyntax;
  segments: Segment[];
  messages: MessageSpan[];
  settings: TemplateSettings;
  breakpoints: Breakpoint[];
  /** Malformed constructs, reported as findings by the analysis, never thrown. */
  problems: Array<Span & { message: string }>;
}

export type Severity = 'error' | 'warning' | 'info';

export type RuleId =
  | 'dynamic-before-static'
  | 'volatile-in-prefix'
  | 'prefix-below-minimum'
  | 'too-many-breakpoints'
  | 'unbalanced-template';

export type FixKind = 'reorder' | 'add-breakpoint';

/** A pure text replacement of [start, end) by `newText`. */
export interface TextEdit extends Span {
  newText: string;
}

export interface Finding extends Span {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** The fix the core can compute for this finding, if any. */
  fix?: FixKind;
  /** Why no fix is offered, when one would otherwise apply. */
  fixUnavailable?: string;
  /** Tokens affected (e.g. static tokens cut out of the prefix). */
  tokens?: number;
  /** Extra cost in USD per 1,000 requests caused by the problem. */
  usdPer1k?: number;
}

/** Prices in USD per million tokens, as resolved for one model (catalogue plus user overrides). */
export interface ModelPricing {
  model: string;
  provider: 'anthropic' | 'openai' | 'google' | string;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  /** Where the prices came from, e.g. `@pydantic/genai-prices 0.1.8` or `override`. */
  source: string;
  /**
   * Long-context tiers, lowest first: once a request's TOTAL input tokens exceed `above`, every token of
   * that request (input, cache and output) is billed at the tier's prices. Absent when prices are flat.
   */
  longContext?: Array<Omit<ModelPricing, 'model' | 'provider' | 'source' | 'longContext'> & { above: number }>;
}

/** A user's custom or negotiated prices for one model, USD per million tokens (any subset). */
export type PriceOverride = Partial<Pick<ModelPricing, 'input' | 'output' | 'cacheRead' | 'cacheWrite5m' | 'cacheWrite1h'>>;

/** How a provider caches a prefix for one model. */
export interface CacheRules {
  provider: string;
  mode: 'explicit' | 'automatic' | 'implicit' | 'none';
  /** Smallest prefix (tokens) that is cached at all. */
  minimumTokens: number;
  /** Cached length is rounded down to a multiple of this (OpenAI: 128); 1 when exact. */
  granularity: number;
  maxBreakpoints: number;
  /** Default time-to-live in seconds; refreshed on each hit. */
  ttlSeconds: number;
  /** TTL in seconds when the user asks for the long option (Anthropic `ttl: "1h"`); absent when none exists. */
  longTtlSeconds?: number;
  /** Whether the provider bills a write surcharge for cache creation. */
  billsWrites: boolean;
  sourceUrl: string;
  /** Caveats about the row (unconfirmed values, assumptions), shown next to the numbers. */
  note?: string;
}

export interface CostOptions {
  /** Requests per minute used for the Poisson hit probability. */
  ratePerMinute: number;
  /** Requests per day used for the monthly projection. */
  volumePerDay: number;
  ttl: '5m' | '1h';
  batch: boolean;
  /** Output tokens per request; from the template's `max_tokens` or a stated default. */
  outputTokens?: number;
}

export interface CostBreakdown {
  perRequest: {
    /** No caching at all. */
    uncached: number;
    /** First call: the prefix is written to the cache. */
    write: number;
    /** A call that reads the prefix from the cache. */
    warm: number;
    /** Expected cost at the configured rate: hit probability 1 − e^(−λ·TTL). */
    expected: number;
  };
  hitProbability: number;
  /** Calls before caching pays back its write surcharge; null when it never does. */
  breakEvenCalls: number | null;
  monthly: number;
  monthlyUncached: number;
  outputTokens: number;
  outputTokensSource: 'template' | 'option' | 'default';
  /** Tokens the provider would actually cache (after minimum and granularity rules). */
  cachedTokens: number;
  /** Days in the month `monthly` projects over (30). */
  daysPerMonth?: number;
}

export interface AnalysisOptions extends CostOptions {
  model: string;
  /** Force a variable syntax instead of detecting it. */
  syntax?: VariableSyntax;
  /** Share of static tokens a dynamic segment must cut from the prefix before it is reported (0..1). */
  dynamicBeforeStaticThreshold: number;
  /** Rules suppressed for this analysis (in addition to in-file suppression comments). */
  disabledRules?: RuleId[];
  /** User price overrides keyed by model id, USD per million tokens. */
  priceOverrides?: Record<string, PriceOverride>;
}

export interface TokenTotals {
  total: number;
  static: number;
  dynamic: number;
  cacheablePrefix: number;
  /** True for OpenAI encodings counted with the real BPE; false for estimates (Claude, Gemini). */
  exact: boolean;
  /** How the numbers were obtained, e.g. `o200k_base` or `estimate: o200k_base × 1.0 (Claude)`. */
  method: string;
}

export interface SegmentReport extends Segment {
  tokens: number;
}

export interface MessageReport extends MessageSpan {
  tokens: number;
  /** Chat framing tokens added around this message by the provider. */
  framing: number;
}

export interface PrefixReport {
  /** Offset where the cacheable prefix ends. */
  end: number;
  tokens: number;
  /** Why it ends there: `dynamic`, `volatile`, `breakpoint`, or `end-of-prompt`. */
  reason: 'dynamic' | 'volatile' | 'breakpoint' | 'end-of-prompt';
  /** Whether the provider will cache it (meets the minimum). */
  cacheable: boolean;
  minimumTokens: number;
}

/** The complete analysis of one prompt document, as the CLI's JSON and the editor consume it. */
export interface AnalysisReport {
  format: TemplateFormat;
  syntax: VariableSyntax;
  model: string;
  tokens: TokenTotals;
  segments: SegmentReport[];
  messages: MessageReport[];
  prefix: PrefixReport;
  findings: Finding[];
  cost: CostBreakdown;
  pricing: { source: string; model: string; prices: ModelPricing };
  cacheRules: CacheRules;
  settings: TemplateSettings;
}
