// `prompt-cost run TEMPLATE [--var NAME=VALUE]... [--request TEXT] [--provider simulator|anthropic|openai|URL]
//  [--model ID | --tiers small=ID,frontier=ID] [--repeat N] [--prompt-version V] [--budget USD]
//  [--no-semantic-cache] [--call-log FILE] [--format text|json]`: renders the template and sends it through the pipeline,
// printing every stage, the usage, cost, naive cost and saving of each run. Keys come from
// ANTHROPIC_API_KEY / OPENAI_API_KEY (OPENAI_COMPATIBLE_API_KEY for a base URL) and are never printed.
import { parseTemplate } from '../../core/template';
import { CallLog, createPipeline, PipelineError, type PipelineEvent, type PipelineResult, type TierConfig } from '../../pipeline';
import { lexicalEmbedder } from '../../pipeline/embed/lexical';
import { createProvider, ProviderConfigError } from '../../pipeline/providers/create';
import { renderTemplate, RenderError } from '../../pipeline/request';
import { SemanticCache } from '../../pipeline/semantic/cache';
import { parseFlags } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { readTextFile } from '../input';
import { int, usd } from '../../core/format';

const FLAGS = {
  var: { type: 'string', multiple: true },
  request: { type: 'string' },
  provider: { type: 'string' },
  model: { type: 'string' },
  tiers: { type: 'string' },
  repeat: { type: 'number', integer: true, min: 1 },
  'prompt-version': { type: 'string' },
  budget: { type: 'number', min: 0 },
  'no-semantic-cache': { type: 'boolean' },
  'call-log': { type: 'string' },
  format: { type: 'string', choices: ['text', 'json'] },
} as const;

export const run: Command = async (args) => {
  const { flags, positionals } = parseFlags(args, FLAGS, { min: 1, max: 1, name: 'TEMPLATE' });
  if (flags.model !== undefined && flags.tiers !== undefined) throw new UsageError('use either --model or --tiers, not both');
  const path = positionals[0]!;
  const { text } = readTextFile(path);
  const variables = parseVars(flags.var ?? []);
  let request;
  try {
    request = renderTemplate(text, parseTemplate(text, { fileName: path }), variables, flags.request);
  } catch (err) {
    if (err instanceof RenderError) throw new UsageError(err.message);
    throw err;
  }
  if (request.messages.length === 0) throw new UsageError('nothing to send: the template has no user message (add one, or pass --request TEXT)');

  let setup;
  try {
    setup = createProvider(flags.provider ?? 'simulator', {
      anthropic: process.env.ANTHROPIC_API_KEY,
      openai: process.env.OPENAI_API_KEY,
      compatible: process.env.OPENAI_COMPATIBLE_API_KEY,
    });
  } catch (err) {
    if (err instanceof ProviderConfigError) throw new UsageError(err.message);
    throw err;
  }
  const tiers = flags.tiers !== undefined ? parseTiers(flags.tiers) : flags.model !== undefined ? [{ name: 'model', model: flags.model }] : setup.tiers;
  if (tiers.length === 0) throw new UsageError('a provider given by URL needs --model ID or --tiers small=ID,frontier=ID');

  const cache = flags['no-semantic-cache'] ? null : await SemanticCache.open({ embedder: lexicalEmbedder });
  const callLog = flags['call-log'] === undefined ? null : new CallLog(flags['call-log'], (message) => process.stderr.write(`prompt-cost run: ${message}\n`));
  const pipeline = createPipeline({ provider: setup.provider, tiers, semanticCache: cache, callLog, budgetUSD: flags.budget ?? null, secrets: setup.secrets });
  const simulated = setup.provider.simulated;
  const json = flags.format === 'json';
  const repeat = flags.repeat ?? 1;
  const runs: Array<{ result: PipelineResult | null; error: string | null; events: PipelineEvent[] }> = [];
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    for (let i = 0; i < repeat; i++) {
      const events: PipelineEvent[] = [];
      try {
        const result = await pipeline.run({ request, promptVersion: flags['prompt-version'], feature: 'cli' }, { signal: controller.signal, onEvent: (e) => e.type !== 'text' && events.push(e) });
        runs.push({ result, error: null, events });
      } catch (err) {
        if (!(err instanceof PipelineError)) throw err;
        runs.push({ result: null, error: err.message, events });
        if (err.code === 'aborted') break;
      }
      if (!json) process.stdout.write(runText(i + 1, repeat, runs[runs.length - 1]!, simulated));
    }
  } finally {
    process.off('SIGINT', stop);
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ simulated, provider: setup.provider.kind, endpoint: setup.provider.endpoint, runs: runs.map((r) => ({ result: r.result, error: r.error, stages: r.events.filter((e) => e.type !== 'usage') })) }, null, 2)}\n`);
  }
  const failed = runs.filter((r) => r.error !== null);
  for (const f of failed.slice(0, 1)) process.stderr.write(`prompt-cost run: ${f.error}\n`);
  return failed.length ? 1 : 0;
};

function parseVars(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var expects NAME=VALUE, got "${pair}"`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** `small=ID,frontier=ID` (cheapest first). */
function parseTiers(spec: string): TierConfig[] {
  const tiers = spec.split(',').map((part) => {
    const [name, model] = part.split('=').map((s) => s.trim());
    if (!name || !model) throw new UsageError(`--tiers expects NAME=MODEL,NAME=MODEL (cheapest first), got "${part}"`);
    return { name, model };
  });
  if (new Set(tiers.map((t) => t.name)).size !== tiers.length) throw new UsageError('--tiers names a tier twice');
  return tiers;
}

const n = (x: number | null) => (x === null ? 'unknown' : int(x));
const money = (x: number | null) => (x === null ? 'unknown' : usd(x));

function runText(index: number, of: number, run: { result: PipelineResult | null; error: string | null; events: PipelineEvent[] }, simulated: boolean): string {
  const lines = [`run ${index}/${of}${simulated ? ' — Simulated' : ''}`];
  for (const e of run.events) {
    if (e.type === 'route') lines.push(`  route:          ${e.decision.tier} → ${e.model} (confidence ${e.decision.confidence}; ${e.decision.reason}) [${e.decision.router}]`);
    else if (e.type === 'semantic-cache') {
      const near = e.matchedRequest === null ? '' : ` — nearest "${clip(e.matchedRequest)}" at ${e.similarity!.toFixed(3)}`;
      lines.push(`  semantic cache: ${e.hit ? 'hit' : 'miss'}${near}${e.guard ? ` (refused by the ${e.guard} guard)` : ''} [${e.embedder}, threshold ${e.threshold}]`);
    } else if (e.type === 'model-call') lines.push(`  model call:     ${e.model} (${e.tier}, ${e.provider}${e.simulated ? ', simulated' : ''}${e.attempt > 1 ? `, attempt ${e.attempt}` : ''})`);
    else if (e.type === 'retry') lines.push(`  retry:          in ${e.delayMs} ms — ${e.reason}`);
    else if (e.type === 'fallback') lines.push(`  fallback:       ${e.fromModel} → ${e.toModel} — ${e.reason}`);
    else if (e.type === 'escalation') lines.push(`  escalation:     ${e.fromTier} → ${e.toTier} — ${e.reason}`);
  }
  const r = run.result;
  if (r) {
    const u = r.usage;
    lines.push(`  usage:          input ${n(u.input)}, cache write ${n(u.cacheWrite)}, cache read ${n(u.cacheRead)}, output ${n(u.output)}${r.calls.length > 1 ? ` (${r.calls.length} calls)` : ''}`);
    const saving = r.savingUSD !== null && r.naiveCostUSD ? ` (${((r.savingUSD / r.naiveCostUSD) * 100).toFixed(0)}%)` : '';
    lines.push(`  cost:           ${money(r.costUSD)} · naive ${money(r.naiveCostUSD)} · saving ${money(r.savingUSD)}${saving}${r.simulated ? ' (Simulated)' : ''}`);
    lines.push(`  latency:        ${Math.round(r.latencyMs)} ms${r.ttftMs === null ? '' : `, first token ${Math.round(r.ttftMs)} ms`}`);
    lines.push(`  answer:         ${clip(r.text, 200)}`);
  } else lines.push(`  error:          ${run.error}`);
  return `${lines.join('\n')}\n`;
}

function clip(s: string, max = 80): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
