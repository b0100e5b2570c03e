// The providers the playground offers and how each is built. The simulator is the default; each
// simulated provider keeps one simulator for the whole session, so its prefix cache carries from run
// to run exactly as a real provider's would. A fault chosen for a batch is sent with every request of
// that batch as the simulator's fault header. OpenAI-compatible servers from
// `promptCostLens.openaiCompatibleProviders` are listed after the built-ins in trusted workspaces.
import * as vscode from 'vscode';
import { createProvider, ANTHROPIC_TIERS, OPENAI_TIERS, ProviderConfigError } from '../pipeline/providers/create';
import { createAnthropicProvider } from '../pipeline/providers/anthropic';
import { createOpenAIProvider } from '../pipeline/providers/openai';
import type { ModelProvider } from '../pipeline/providers/types';
import type { TierConfig } from '../pipeline';
import type { Fault, ProviderOption } from '../protocol/playground';
import { createSimulatorFetch, FAULT_HEADER, type SimulatorFetch } from '../simulator';
import { readSettings } from './config';
import { getApiKey, type KeyProvider } from './secrets';
import type { CompatibleProvider } from './settings';

interface ProviderDef {
  id: string;
  label: string;
  kind: ProviderOption['kind'];
  /** The wire format it speaks. */
  api: 'anthropic' | 'openai';
  tiers: TierConfig[];
  /** The SecretStorage key it needs, if any. */
  key: KeyProvider | null;
  /** Set for an OpenAI-compatible server (its key is optional). */
  compatible?: CompatibleProvider;
}

/**
 * The configured OpenAI-compatible servers; none in an untrusted workspace (a cloned repository must
 * not point the playground at its own server). Read through config.ts, which validates the entries,
 * drops invalid ones and reports them once.
 */
function compatibleDefs(): ProviderDef[] {
  if (!vscode.workspace.isTrusted) return [];
  return readSettings().openaiCompatibleProviders.map((c) => ({
    id: `compatible:${c.name}`,
    label: `${c.name} (OpenAI-compatible)`,
    kind: 'openai-compatible',
    api: 'openai',
    tiers: c.models ? c.models.map((model) => ({ name: model, model })) : OPENAI_TIERS,
    key: `compatible:${c.name}`,
    compatible: c,
  }));
}

function allDefs(): ProviderDef[] {
  return [...PROVIDERS, ...compatibleDefs()];
}

const SIMULATOR_BASE = 'http://simulator.invalid';

const PROVIDERS: readonly ProviderDef[] = [
  { id: 'simulator', label: 'Simulator (Anthropic API)', kind: 'simulator', api: 'anthropic', tiers: ANTHROPIC_TIERS, key: null },
  { id: 'simulator-openai', label: 'Simulator (OpenAI API)', kind: 'simulator', api: 'openai', tiers: OPENAI_TIERS, key: null },
  { id: 'anthropic', label: 'Anthropic', kind: 'anthropic', api: 'anthropic', tiers: ANTHROPIC_TIERS, key: 'anthropic' },
  { id: 'openai', label: 'OpenAI', kind: 'openai', api: 'openai', tiers: OPENAI_TIERS, key: 'openai' },
];

/** The simulator's fault header for a playground fault; slow streams are slow enough to cancel. */
const FAULT_HEADERS: Record<Exclude<Fault, 'none'>, string> = {
  'server-error': 'server-error',
  'rate-limit': 'rate-limit; retry-after=1',
  overloaded: 'overloaded',
  reset: 'reset',
  slow: 'slow; delay-ms=400',
  stall: 'stall; after-events=3',
  truncate: 'truncate; after-events=3',
  malformed: 'malformed; after-events=3',
  'no-usage': 'no-usage',
};

export interface BuiltProvider {
  /** The picker's name for it, shown on each run. */
  label: string;
  provider: ModelProvider;
  tiers: TierConfig[];
  /** Keys in use, to be redacted from anything shown. */
  secrets: string[];
}

export class PlaygroundProviders {
  private readonly simulators = new Map<string, SimulatorFetch>();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The picker's entries: whether a key is stored, never the key. */
  async options(): Promise<ProviderOption[]> {
    return Promise.all(
      allDefs().map(async (p) => ({
        id: p.id,
        label: p.label,
        kind: p.kind,
        simulated: p.kind === 'simulator',
        // A compatible server (a local one, say) may need no key; one can still be stored for it.
        needsKey: p.key !== null && !p.compatible,
        configured: p.key === null || !!p.compatible || (await getApiKey(this.secrets, p.key)) !== undefined,
        tiers: p.tiers.map((t) => ({ tier: t.name, model: t.model })),
      })),
    );
  }

  keyProviderOf(id: string): KeyProvider | null {
    return allDefs().find((p) => p.id === id)?.key ?? null;
  }

  /** Builds the provider for one batch. Faults apply to the simulator only. */
  async build(id: string, fault: Fault): Promise<BuiltProvider> {
    const def = allDefs().find((p) => p.id === id);
    if (!def) throw new ProviderConfigError(`unknown provider "${id}"`);
    if (def.kind === 'simulator') return { label: def.label, provider: this.simulated(def, fault), tiers: def.tiers, secrets: [] };
    if (fault !== 'none') throw new ProviderConfigError('faults can only be injected into the simulator');
    // A workspace that is not trusted may analyse prompts but sends nothing anywhere.
    if (!vscode.workspace.isTrusted) throw new ProviderConfigError('this workspace is not trusted, so only the simulator runs here');
    const key = def.key ? await getApiKey(this.secrets, def.key) : undefined;
    if (def.compatible) {
      // Its own key or none: the OpenAI key is never sent to another host.
      const setup = createProvider(def.compatible.baseUrl, { compatible: key });
      return { label: def.label, provider: setup.provider, tiers: def.tiers, secrets: setup.secrets };
    }
    if (def.key && !key) throw new ProviderConfigError(`no ${def.label} API key: use “Set API key” first`);
    const setup = createProvider(def.id, def.key === 'anthropic' ? { anthropic: key } : { openai: key });
    return { label: def.label, provider: setup.provider, tiers: setup.tiers, secrets: setup.secrets };
  }

  private simulated(def: ProviderDef, fault: Fault): ModelProvider {
    let simulator = this.simulators.get(def.id);
    if (!simulator) {
      simulator = createSimulatorFetch();
      this.simulators.set(def.id, simulator);
    }
    const base = simulator;
    const fetch =
      fault === 'none'
        ? base
        : (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
            const headers = new Headers(init?.headers);
            headers.set(FAULT_HEADER, FAULT_HEADERS[fault]);
            return base(input, { ...init, headers });
          };
    return def.api === 'openai'
      ? createOpenAIProvider({ apiKey: 'simulator', baseURL: `${SIMULATOR_BASE}/v1`, fetch, simulated: true })
      : createAnthropicProvider({ apiKey: 'simulator', baseURL: SIMULATOR_BASE, fetch, simulated: true });
  }
}
