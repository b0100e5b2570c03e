// Whether a fix can be offered for a document, checked the way a user would: apply it, analyse the
// result again, and require a strictly longer cacheable prefix.
import { parseTemplate } from '../template';
import { computePrefix, type PrefixResult } from '../template/prefix';
import type { TextView } from '../template/text';
import type { ParsedTemplate } from '../types';
import type { LineSource } from './blocks';
import { planBreakpoint } from './breakpoint';
import { applyEdits } from './edits';
import { planReorder } from './reorder';

/**
 * Whether a fix applies. `margin` is how many more static characters the prefix holds after the fix
 * (present when that comparison decided the outcome), which lets an editor reuse the verdict across
 * small edits that cannot flip it.
 */
export type Availability = ({ available: true; text: string } | { available: false; reason: string }) & { margin?: number; sensitive?: number[] };

/** Characters of static text in the prefix: the measure a fix must increase. */
export function prefixStaticChars(parsed: ParsedTemplate, prefix: PrefixResult): number {
  let chars = 0;
  for (let p = 0; p < prefix.length; p++) {
    const s = parsed.segments[prefix.order[p]!]!;
    if (s.kind === 'static') chars += s.end - s.start;
  }
  return chars;
}

/** Reorders and re-analyses; available only when the prefix grows. `table`: see {@link planReorder}. */
export function reorderAvailability(text: TextView, parsed: ParsedTemplate, fileName?: string, explicitBreakpoints = false, table?: LineSource): Availability {
  const plan = planReorder(text, parsed, table);
  const { sensitive } = plan;
  if ('reason' in plan) return { available: false, reason: plan.reason, sensitive };
  if (plan.text === text.toString()) return { available: false, reason: 'The dynamic blocks are already after the static content they can move past.', sensitive };
  const before = prefixStaticChars(parsed, computePrefix(parsed, explicitBreakpoints));
  const reparsed = parseTemplate(plan.text, { fileName, syntax: parsed.syntax, format: parsed.format });
  const after = prefixStaticChars(reparsed, computePrefix(reparsed, explicitBreakpoints));
  if (after <= before) {
    return { available: false, margin: after - before, sensitive, reason: 'Moving the dynamic blocks within their messages would not lengthen the cacheable prefix (the block that ends it encloses the static text after it).' };
  }
  return { available: true, text: plan.text, margin: after - before, sensitive };
}

/** Adds the breakpoint and re-analyses with explicit breakpoints; available only when the prefix grows. */
export function breakpointAvailability(text: string, parsed: ParsedTemplate, prefix: PrefixResult): Availability {
  const plan = planBreakpoint(text, parsed, prefix);
  if ('reason' in plan) return { available: false, reason: plan.reason };
  const next = applyEdits(text, plan.edits);
  const reparsed = parseTemplate(next, { syntax: parsed.syntax, format: parsed.format });
  if (prefixStaticChars(reparsed, computePrefix(reparsed, true)) <= prefixStaticChars(parsed, prefix)) {
    return { available: false, reason: 'A breakpoint on the last static block would not lengthen the cached prefix.' };
  }
  return { available: true, text: next };
}
