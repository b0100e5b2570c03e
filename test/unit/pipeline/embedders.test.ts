import { strict as assert } from 'node:assert';
import { lexicalEmbedder, lexicalVector } from '../../../src/pipeline/embed/lexical';
import { createOpenAIEmbedder } from '../../../src/pipeline/embed/openaiEmbedder';
import { cosine } from '../../../src/pipeline/embed/types';
import { SemanticCache } from '../../../src/pipeline/semantic/cache';
import { createSimulatorFetch } from '../../../src/simulator';

describe('embedders', () => {
  it('lexical: deterministic, normalised, and closer for rewordings than for other requests', async () => {
    const [a, b] = await lexicalEmbedder.embed(['How do I reset my password?', 'How do I reset my password?']);
    assert.deepEqual(a, b);
    assert.ok(Math.abs(cosine(a!, a!) - 1) < 1e-6);
    const near = cosine(lexicalVector('How do I reset my password?'), lexicalVector('how can I reset my password'));
    const far = cosine(lexicalVector('How do I reset my password?'), lexicalVector('What are your opening hours?'));
    assert.ok(near > 0.9 && far < 0.3, `${near} ${far}`);
    assert.match(lexicalEmbedder.label, /lexical/);
  });

  it('OpenAI-compatible /embeddings through the SDK (against the simulator), usable by the cache', async () => {
    const embedder = createOpenAIEmbedder({ model: 'text-embedding-3-small', baseURL: 'http://sim.invalid/v1', fetch: createSimulatorFetch({ latencyScale: 0 }) });
    const [a, b] = await embedder.embed(['Where is my order?', 'Where is my order?']);
    assert.ok(a!.idx.length > 10);
    assert.ok(Math.abs(cosine(a!, b!) - 1) < 1e-6);
    const cache = await SemanticCache.open({ embedder });
    await cache.put('ns', 'Where is my order?', 'on its way', 'm', { input: 1, cacheWrite: 0, cacheRead: 0, output: 1 });
    assert.equal((await cache.lookup('ns', 'Where is my order?')).hit, true);
    assert.equal((await cache.lookup('ns', 'Where is my order 7?')).hit, false);
  });
});
