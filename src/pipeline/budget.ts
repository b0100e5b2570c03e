// Per-session spend limit. A request is priced at its worst case before any call (every input token
// written to the cache at the write price, the full `max_tokens` of output, plus a frontier re-run if
// the small tier may escalate); if that could cross the limit, it is refused.
import type { Pricer } from './accounting';

export class BudgetExceededError extends Error {
  constructor(
    readonly spentUSD: number,
    readonly limitUSD: number,
    readonly worstCaseUSD: number,
  ) {
    super(
      `Budget guard: this request could cost up to $${worstCaseUSD.toFixed(4)}, and $${spentUSD.toFixed(4)} of the ` +
        `$${limitUSD.toFixed(2)} session limit is spent; nothing was sent. Raise the limit or start a new session.`,
    );
    this.name = 'BudgetExceededError';
  }
}

/** Characters per token assumed for the worst case: fewer than any tokenizer gives for prose. */
const CHARS_PER_TOKEN_WORST = 3;

export class BudgetGuard {
  private spent = 0;
  /** Worst cases of requests in flight, so concurrent requests cannot overrun the limit together. */
  private reserved = 0;

  constructor(
    readonly limitUSD: number | null,
    private readonly price: Pricer,
  ) {}

  get spentUSD(): number {
    return this.spent;
  }

  /**
   * Reserves the worst case of a request of `chars` characters on `models` (in the order they may
   * be called); throws BudgetExceededError before anything is sent. Unpriced models reserve nothing.
   */
  reserve(chars: number, maxTokens: number, models: string[], ttl: '5m' | '1h'): number {
    if (this.limitUSD === null) return 0;
    const tokens = Math.ceil(chars / CHARS_PER_TOKEN_WORST);
    let worst = 0;
    for (const model of models) worst += this.price({ input: 0, cacheWrite: tokens, cacheRead: 0, output: maxTokens }, model, ttl) ?? 0;
    if (this.spent + this.reserved + worst > this.limitUSD) throw new BudgetExceededError(this.spent + this.reserved, this.limitUSD, worst);
    this.reserved += worst;
    return worst;
  }

  /** Releases a reservation and records what was actually spent. */
  settle(reservation: number, costUSD: number | null): void {
    this.reserved -= reservation;
    this.spent += costUSD ?? 0;
  }
}
