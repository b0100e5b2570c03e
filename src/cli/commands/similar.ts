// `prompt-cost similar [--threshold X] [--embeddings-url URL --embedding-model ID] [--format text|json]
//  TEXT_A TEXT_B`: the similarity the configured embedder gives two requests and whether the semantic
// cache would serve B with A's answer; `guard` names the guard that refused a match, or is null.
// The default embedder is the local lexical one; a URL uses that OpenAI-compatible /embeddings endpoint
// (key from OPENAI_API_KEY for api.openai.com, else OPENAI_COMPATIBLE_API_KEY).
import { lexicalEmbedder } from '../../pipeline/embed/lexical';
import { createOpenAIEmbedder } from '../../pipeline/embed/openaiEmbedder';
import { SemanticCache } from '../../pipeline/semantic/cache';
import { parseFlags } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';

const FLAGS = {
  threshold: { type: 'number', min: 0 },
  'embeddings-url': { type: 'string' },
  'embedding-model': { type: 'string' },
  format: { type: 'string', choices: ['text', 'json'] },
} as const;

export const similar: Command = async (args) => {
  const { flags, positionals } = parseFlags(args, FLAGS, { min: 2, max: 2, name: 'TEXT_A and TEXT_B' });
  if (flags.threshold !== undefined && flags.threshold > 1) throw new UsageError('--threshold is a cosine similarity between 0 and 1');
  const url = flags['embeddings-url'];
  if ((url === undefined) !== (flags['embedding-model'] === undefined)) throw new UsageError('--embeddings-url and --embedding-model go together');
  let embedder = lexicalEmbedder;
  if (url !== undefined) {
    if (!/^https?:\/\//.test(url)) throw new UsageError('--embeddings-url must be an http(s) base URL, e.g. http://localhost:11434/v1');
    const official = /^https:\/\/api\.openai\.com\//.test(url);
    embedder = createOpenAIEmbedder({ model: flags['embedding-model']!, baseURL: url, apiKey: official ? process.env.OPENAI_API_KEY : process.env.OPENAI_COMPATIBLE_API_KEY });
  }
  const cache = await SemanticCache.open({ embedder, threshold: flags.threshold });
  let r;
  try {
    r = await cache.compare(positionals[0]!, positionals[1]!);
  } catch (err) {
    // A network or endpoint failure is not a crash; the key is never part of these messages.
    process.stderr.write(`prompt-cost similar: the embeddings endpoint failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    return 1;
  }
  const similarity = Math.round(r.similarity! * 10_000) / 10_000;
  if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ similarity, hit: r.hit, guard: r.guard })}\n`);
  else {
    const verdict = r.hit ? 'hit: B would be served with A\'s answer' : r.guard ? `miss: refused by the ${r.guard} guard` : `miss: below the threshold ${cache.threshold}`;
    process.stdout.write(`similarity ${similarity.toFixed(4)} (${embedder.label})\n${verdict}\n`);
  }
  return 0;
};
