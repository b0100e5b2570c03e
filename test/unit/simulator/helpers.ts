// Shared set-up for the simulator tests: a loopback simulator with a hand-moved clock, and SDK clients.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startSimulator, type ServerOptions, type SimulatorServer } from '../../../src/simulator';

export interface Harness {
  sim: SimulatorServer;
  anthropic: Anthropic;
  openai: OpenAI;
  /** Moves the simulator's clock forward. */
  advance(ms: number): void;
}

export async function startHarness(options: ServerOptions = {}): Promise<Harness> {
  let now = Date.UTC(2026, 10, 23);
  const sim = await startSimulator({ latencyScale: 0, clock: () => now, ...options });
  return {
    sim,
    anthropic: new Anthropic({ apiKey: 'sim-test-key', baseURL: sim.url, maxRetries: 0 }),
    openai: new OpenAI({ apiKey: 'sim-test-key', baseURL: `${sim.url}/v1`, maxRetries: 0 }),
    advance: (ms) => {
      now += ms;
    },
  };
}

/** Distinct sentences, so prefixes of different lengths never repeat one another. */
export function longText(sentences: number, topic = 'policy'): string {
  return Array.from({ length: sentences }, (_, i) => `Rule ${i + 1} of the ${topic}: handle case ${i * 7 + 3} with care.`).join(' ');
}

export const MINUTE = 60_000;
