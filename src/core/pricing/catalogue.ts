// The one place that loads `@pydantic/genai-prices`. Evaluating its bundled price data takes ~50 ms, so
// the library is required on first use instead of at import time: nothing pays for it at extension
// activation unless a price is actually needed.
import type * as GenaiPrices from '@pydantic/genai-prices';
// The library exports no version constant and its `exports` map hides package.json, so the file is read
// by relative path; the bundler inlines it (a few hundred bytes).
import genaiPricesPackage from '../../../node_modules/@pydantic/genai-prices/package.json';

type GenaiPricesModule = typeof GenaiPrices;
export type { ModelInfo, ModelPrice } from '@pydantic/genai-prices';

/** Version of the `@pydantic/genai-prices` package whose bundled price data is in use. */
export const PRICE_DATA_VERSION: string = genaiPricesPackage.version;

/** Human-readable source label carried by every catalogue price (`ModelPricing.source`). */
export const PRICE_SOURCE = `@pydantic/genai-prices ${PRICE_DATA_VERSION}`;

/** Providers offered in the model picker and matched first when resolving an id. */
export const PRICED_PROVIDERS = ['anthropic', 'openai', 'google'] as const;

let loaded: GenaiPricesModule | undefined;

/** The price library, loaded on first call. */
export function genaiPrices(): GenaiPricesModule {
  // A static import would evaluate the whole price table as soon as any core module is imported.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('@pydantic/genai-prices') as GenaiPricesModule;
  return loaded;
}
