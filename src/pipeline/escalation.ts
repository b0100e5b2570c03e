// The small tier is told how to say a task is beyond it; the pipeline reads that answer and re-runs
// the request on the frontier tier.

/** Appended to the small tier's system prompt (as its own block, after the cached prefix). */
export const ESCALATION_INSTRUCTION =
  'If this request is beyond what you can answer reliably (multi-step reasoning, planning, proofs, non-trivial code), ' +
  'reply with only this JSON and nothing else: {"needs_escalation": true, "reason": "<one short sentence>"}';

/** The reason from a `{"needs_escalation": true, …}` answer (bare or in a code fence), else null. */
export function escalationSignal(answer: string): string | null {
  const body = answer.trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
  if (!body.startsWith('{') || !body.includes('needs_escalation')) return null;
  try {
    const parsed = JSON.parse(body) as { needs_escalation?: unknown; reason?: unknown };
    if (parsed.needs_escalation !== true) return null;
    return typeof parsed.reason === 'string' && parsed.reason.trim() ? parsed.reason.trim() : 'the small tier asked for escalation';
  } catch {
    return null;
  }
}
