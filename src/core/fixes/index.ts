// Fixes as pure text edits: the editor applies them as one undoable edit, `prompt-cost fix` prints
// the same result.
import { parseTemplate } from '../template';
import { computePrefix } from '../template/prefix';
import type { AnalysisReport, FixKind, ParsedTemplate, TextEdit } from '../types';
import { breakpointAvailability, reorderAvailability } from './availability';
import { diffEdit } from './edits';

export { applyEdits } from './edits';
export { planReorder } from './reorder';
export { reorderAvailability, breakpointAvailability } from './availability';

/**
 * The edits for `kind` on `text` as analysed in `report` (which must describe this text), or an empty
 * list when the fix does not apply (the report's finding then says why). The edits never overlap, so
 * they can be applied together as one undoable edit.
 */
export function computeFix(text: string, report: Pick<AnalysisReport, 'format' | 'syntax' | 'cacheRules'>, kind: FixKind, fileName?: string): TextEdit[] {
  const parsed: ParsedTemplate = parseTemplate(text, { fileName, syntax: report.syntax, format: report.format });
  const explicit = report.cacheRules.mode === 'explicit' && parsed.format === 'chat-json';
  const result =
    kind === 'reorder' ? reorderAvailability(text, parsed, fileName, explicit) : breakpointAvailability(text, parsed, computePrefix(parsed, true));
  return result.available ? diffEdit(text, result.text) : [];
}
