// Number formatting for the panel. Unknown values (the provider did not report them) are shown as
// "unknown", never as zero, so a missing usage field cannot pass for a free request.

export const UNKNOWN = 'unknown';

export function tokens(n: number | null | undefined): string {
  return n === null || n === undefined ? UNKNOWN : n.toLocaleString('en-US');
}

export function usd(n: number | null | undefined): string {
  if (n === null || n === undefined) return UNKNOWN;
  const abs = Math.abs(n);
  const digits = abs !== 0 && abs < 0.01 ? 6 : 4;
  return `${n < 0 ? '−' : ''}$${abs.toFixed(digits)}`;
}

export function ms(n: number | null | undefined): string {
  return n === null || n === undefined ? UNKNOWN : `${Math.round(n).toLocaleString('en-US')} ms`;
}

export function percent(n: number | null | undefined): string {
  return n === null || n === undefined ? UNKNOWN : `${(n * 100).toFixed(1)}%`;
}
