// How numbers read wherever the extension, the CLI and the playground panel show them: dollar amounts,
// token counts, shares. One set of rules so the same cost looks the same in a CodeLens, a hover, a
// finding's message, the CLI's table and the panel. Pure (no vscode, no Node built-ins): the webview
// bundles it too. Separators are hand-rolled because `toLocaleString` is slow per call and these run
// on every keystroke.

/** `1109` → `1,109`: a non-negative integer's digits in groups of three. */
function group(digits: string): string {
  if (digits.length <= 3) return digits;
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/** A whole number with thousands separators, rounded: `1,109`, `-4`. `?` if not finite. */
export function int(n: number): string {
  if (!Number.isFinite(n)) return '?';
  const rounded = Math.round(n);
  if (Math.abs(rounded) >= 1e21) return String(rounded);
  return rounded < 0 ? `-${group(String(-rounded))}` : group(String(rounded));
}

/** A token count: `4,120`, or `≈4,120` when the count is an estimate. */
export function tokens(n: number, exact = true): string {
  return exact ? int(n) : `≈${int(n)}`;
}

/** Significant digits shown below a dollar: enough to tell small per-request costs apart. */
const SIGNIFICANT = 4;

/**
 * US dollars, with as many digits as the amount needs:
 * - below $1, four significant digits, at least cents: `$0.0047`, `$0.000031`, `$0.01098`, `$0.50`;
 * - from $1, cents: `$2.50`, `$12.40`;
 * - from $100, whole dollars: `$400`, `$1,235`.
 * Zero is `$0`, a negative amount `-$0.0031`, a non-finite one `$?`. Used for amounts and for prices
 * alike (`$0.30` per million tokens).
 */
export function usd(amount: number): string {
  if (!Number.isFinite(amount)) return '$?';
  if (amount === 0) return '$0';
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const cents = Math.round(abs * 100);
  if (cents >= 10_000) return `${sign}$${int(abs)}`;
  if (abs >= 1) return `${sign}$${(cents / 100).toFixed(2)}`;
  // Below a dollar: decimals for SIGNIFICANT digits (capped; toFixed takes at most 100), trailing
  // zeros dropped down to cents. Never exponent notation.
  const decimals = Math.min(20, Math.max(2, SIGNIFICANT - 1 - Math.floor(Math.log10(abs))));
  const fixed = abs.toFixed(decimals);
  let end = fixed.length;
  while (end > fixed.length - decimals + 2 && fixed.charCodeAt(end - 1) === 48 /* 0 */) end--;
  return `${sign}$${fixed.slice(0, end)}`;
}

/** A signed difference in dollars: `+$1.20`, `-$0.0031`, `±$0`. */
export function usdDelta(amount: number): string {
  return amount > 0 ? `+${usd(amount)}` : amount < 0 ? usd(amount) : '±$0';
}

/** A signed whole-number difference: `+120`, `-4`, `±0`. */
export function intDelta(n: number): string {
  const rounded = Math.round(n);
  return rounded > 0 ? `+${int(rounded)}` : rounded < 0 ? int(rounded) : '±0';
}

/** A share (0..1) as a percentage with one decimal: `0.125` → `12.5%`. */
export function percent(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : '?%';
}

/** A duration in whole milliseconds: `1,234 ms`. */
export function ms(n: number): string {
  return `${int(n)} ms`;
}
