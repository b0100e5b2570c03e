// Picks and builds a provider: the simulator (offline default), Anthropic, OpenAI, or any
// OpenAI-compatible server by URL. Keys come in as arguments (SecretStorage or environment
// variables, read by the caller) and are listed as secrets to redact, never stored or printed.
import { createSimulatorFetch, type SimulatorOptions } from '../../simulator';
import type { TierConfig } from '../index';
import { createAnthropicProvider } from './anthropic';
import { createOpenAIProvider } from './openai';
import type { ModelProvider } from './types';

export type ProviderChoice = 'simulator' | 'simulator-openai' | 'anthropic' | 'openai' | (string & {});

export interface ProviderKeys {
  anthropic?: string;
  openai?: string;
  /** For an OpenAI-compatible server given by URL: never the OpenAI key, which must not go to a third party. */
  compatible?: string;
}

export interface ProviderSetup {
  provider: ModelProvider;
  /** Default tiers for this provider, cheapest first. */
  tiers: TierConfig[];
  /** Values to redact from anything shown. */
  secrets: string[];
}

export class ProviderConfigError extends Error {}

export const ANTHROPIC_TIERS: TierConfig[] = [
  { name: 'small', model: 'claude-haiku-4-5' },
  { name: 'frontier', model: 'claude-sonnet-4-6' },
];

export const OPENAI_TIERS: TierConfig[] = [
  { name: 'small', model: 'gpt-4.1-mini' },
  { name: 'frontier', model: 'gpt-4.1' },
];

/** Builds the provider for `choice`; a URL means an OpenAI-compatible server at that base URL. */
export function createProvider(choice: ProviderChoice, keys: ProviderKeys, simulator: SimulatorOptions = {}): ProviderSetup {
  const secrets = [keys.anthropic, keys.openai, keys.compatible].filter((k): k is string => !!k);
  switch (choice) {
    case 'simulator':
    case 'simulator-openai': {
      const fetch = createSimulatorFetch(simulator);
      const base = 'http://simulator.invalid';
      return choice === 'simulator'
        ? { provider: createAnthropicProvider({ apiKey: 'simulator', baseURL: base, fetch, simulated: true }), tiers: ANTHROPIC_TIERS, secrets }
        : { provider: createOpenAIProvider({ apiKey: 'simulator', baseURL: `${base}/v1`, fetch, simulated: true }), tiers: OPENAI_TIERS, secrets };
    }
    case 'anthropic':
      if (!keys.anthropic) throw new ProviderConfigError('no Anthropic API key: set ANTHROPIC_API_KEY');
      return { provider: createAnthropicProvider({ apiKey: keys.anthropic }), tiers: ANTHROPIC_TIERS, secrets };
    case 'openai':
      if (!keys.openai) throw new ProviderConfigError('no OpenAI API key: set OPENAI_API_KEY');
      return { provider: createOpenAIProvider({ apiKey: keys.openai }), tiers: OPENAI_TIERS, secrets };
    default: {
      let url: URL;
      try {
        url = new URL(choice);
      } catch {
        throw new ProviderConfigError(`unknown provider "${choice}" (simulator, anthropic, openai, or an http(s) base URL)`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ProviderConfigError(`provider URL must be http or https, not ${url.protocol}`);
      return { provider: createOpenAIProvider({ apiKey: keys.compatible, baseURL: url.toString().replace(/\/$/, '') }), tiers: [], secrets };
    }
  }
}
