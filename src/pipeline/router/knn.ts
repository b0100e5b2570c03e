// The optional trained router: nearest neighbours among labelled examples (a JSON Lines file of
// `{"text", "tier"}` objects in the workspace), using the lexical embedder. A request with no close
// example is left to the rule classifier.
import { parseJsonLines } from '../../core/jsonLines';
import type { RouteDecision } from '../events';
import { lexicalVector } from '../embed/lexical';
import { VectorIndex } from '../semantic/vectorIndex';
import { applyMargin } from './rules';

export interface LabelledExample {
  text: string;
  tier: string;
}

const K = 5;
/** Below this similarity the nearest example says nothing about the request. */
const MIN_SIMILARITY = 0.3;

export class ExamplesError extends Error {}

/** Parses a labelled examples file; a bad line is an error naming its line number. */
export function parseExamples(jsonl: string, tiers: string[]): LabelledExample[] {
  const out: LabelledExample[] = [];
  for (const { line, value } of parseJsonLines(jsonl, (n) => new ExamplesError(`line ${n}: not valid JSON`))) {
    const r = value as Partial<LabelledExample> | null;
    if (typeof r?.text !== 'string' || typeof r.tier !== 'string') throw new ExamplesError(`line ${line}: needs "text" and "tier" strings`);
    if (!tiers.includes(r.tier)) throw new ExamplesError(`line ${line}: unknown tier "${r.tier}" (tiers: ${tiers.join(', ')})`);
    out.push({ text: r.text, tier: r.tier });
  }
  return out;
}

export class NearestNeighbourRouter {
  private readonly index = new VectorIndex();
  private readonly examples: LabelledExample[] = [];

  constructor(
    examples: LabelledExample[],
    private readonly tiers: string[],
    private readonly margin = 0.65,
  ) {
    for (const e of examples) {
      this.examples[this.index.add(lexicalVector(e.text))] = e;
    }
  }

  /** The decision, or null when no example is close enough to say anything. */
  route(text: string): RouteDecision | null {
    const near = this.index.search(lexicalVector(text), K, MIN_SIMILARITY).filter((n) => n.score >= MIN_SIMILARITY);
    if (near.length === 0) return null;
    const votes = new Map<string, number>();
    let total = 0;
    for (const n of near) {
      const tier = this.examples[n.slot]!.tier;
      votes.set(tier, (votes.get(tier) ?? 0) + n.score);
      total += n.score;
    }
    const [tier, weight] = [...votes.entries()].sort((a, b) => b[1] - a[1] || this.tiers.indexOf(b[0]) - this.tiers.indexOf(a[0]))[0]!;
    const best = this.examples[near[0]!.slot]!;
    const quoted = best.text.length > 60 ? `${best.text.slice(0, 57)}…` : best.text;
    const decision: RouteDecision = {
      tier,
      confidence: Math.round((weight / total) * 100) / 100,
      reason: `nearest example "${quoted}" (${best.tier}, similarity ${near[0]!.score.toFixed(2)}); ${near.length} neighbours`,
      router: 'knn',
      escalatedByMargin: false,
    };
    return applyMargin(decision, this.tiers, this.margin);
  }
}
