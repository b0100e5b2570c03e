// Embeddings from any OpenAI-compatible `/embeddings` endpoint (OpenAI `text-embedding-3-small`,
// Ollama, vLLM, LM Studio, …) through the official SDK. The key, if any, is the caller's.
import OpenAI from 'openai';
import type { Embedder, SparseVector } from './types';
import { fromDense } from './types';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface OpenAIEmbedderOptions {
  model: string;
  /** Default `https://api.openai.com/v1`. */
  baseURL?: string;
  apiKey?: string;
  /** Ask for fewer dimensions (text-embedding-3 models support it). */
  dimensions?: number;
  fetch?: Fetch;
}

export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const baseURL = options.baseURL ?? 'https://api.openai.com/v1';
  const client = new OpenAI({ apiKey: options.apiKey || 'not-needed', baseURL, fetch: options.fetch, maxRetries: 2, logLevel: 'off' });
  return {
    // The endpoint is part of the id: two servers may serve different weights under one model name.
    id: `openai:${baseURL}:${options.model}:${options.dimensions ?? 'default'}`,
    label: options.model,
    async embed(texts: string[], signal?: AbortSignal): Promise<SparseVector[]> {
      const response = await client.embeddings.create(
        { model: options.model, input: texts, encoding_format: 'float', ...(options.dimensions ? { dimensions: options.dimensions } : {}) },
        { signal },
      );
      const byIndex = [...response.data].sort((a, b) => a.index - b.index);
      if (byIndex.length !== texts.length) throw new Error(`the embeddings endpoint returned ${byIndex.length} vectors for ${texts.length} texts`);
      return byIndex.map((d) => fromDense(d.embedding));
    },
  };
}
