// `prompt-cost fix [--rule ID] [--write] FILE`: applies the core's fixes (reorder, add-breakpoint)
// and prints the fixed template, or with `--write` replaces the file atomically (temp file + rename).
import { realpathSync, statSync } from 'node:fs';
import { applyEdits, computeFix } from '../../core/fixes';
import type { AnalysisReport, FixKind, RuleId } from '../../core/types';
import type { Command } from '../command';
import { parseFlags } from '../args';
import { ANALYSIS_FLAGS, analysisOptions, analyzeFile } from '../analysis';
import { readTextFile, writeFileAtomic } from '../input';
import { int } from '../../core/format';

const RULES: readonly RuleId[] = [
  'dynamic-before-static',
  'volatile-in-prefix',
  'prefix-below-minimum',
  'too-many-breakpoints',
  'unbalanced-template',
];

export const fix: Command = async (args) => {
  const { flags, positionals } = parseFlags(
    args,
    { ...ANALYSIS_FLAGS, rule: { type: 'string', choices: RULES }, write: { type: 'boolean' } },
    { min: 1, max: 1, name: 'FILE' },
  );
  const options = analysisOptions(flags);
  const path = positionals[0]!;
  const file = readTextFile(path);
  const before = analyzeFile(path, file.text, options, flags.model !== undefined);
  // Later analyses use the model the first one settled on (the template's own, possibly).
  const settled = { ...options, model: before.model };

  let text = file.text;
  for (const kind of fixKinds(before, flags.rule)) {
    // Each fix kind is computed on the text the previous one produced.
    text = applyEdits(text, computeFix(text, analyzeFile(path, text, settled, true), kind, path));
  }
  if (text === file.text) {
    // Nothing changed: say why for each finding that has no fix.
    for (const finding of before.findings) {
      if (finding.fixUnavailable && (flags.rule === undefined || finding.rule === flags.rule)) {
        process.stderr.write(`${path}: ${finding.rule}: no fix offered: ${finding.fixUnavailable}\n`);
      }
    }
  }

  if (!flags.write) {
    process.stdout.write(text);
  } else if (text !== file.text) {
    // Through a symlink, the file it points to is replaced, not the link.
    const target = realpathSync(path);
    writeFileAtomic(target, (file.bom ? '\ufeff' : '') + text, statSync(target).mode & 0o7777);
  }
  const after = text === file.text ? before : analyzeFile(path, text, settled, true);
  process.stderr.write(
    text === file.text
      ? `${path}: nothing to fix${flags.rule ? ` for ${flags.rule}` : ''}\n`
      : `${path}: ${flags.write ? 'fixed' : 'fix printed'}; cacheable prefix ${int(before.tokens.cacheablePrefix)} → ${int(after.tokens.cacheablePrefix)} tokens\n`,
  );
  return 0;
};

/** Fix kinds offered by the findings (of `rule`, when given), in the order they are first offered. */
function fixKinds(report: AnalysisReport, rule: RuleId | undefined): FixKind[] {
  const kinds: FixKind[] = [];
  for (const f of report.findings) {
    if (f.fix && (rule === undefined || f.rule === rule) && !kinds.includes(f.fix)) kinds.push(f.fix);
  }
  return kinds;
}
