// `prompt-cost diff [--base GITREF] [--format text|json|sarif] [--fail-on ...] [PATH...]`: what a change
// does to each prompt's tokens, cacheable prefix and projected monthly cost (with cache hits), against
// its version at GITREF (default: the merge base with the default branch). Reads git only.
import { existsSync } from 'node:fs';
import type { AnalysisOptions, AnalysisReport } from '../../core/types';
import type { Command } from '../command';
import { parseFlags } from '../args';
import { ANALYSIS_FLAGS, REPORT_FLAGS, analysisOptions, analyzeFile } from '../analysis';
import { collectPromptFiles, decodeText, PROMPT_FILE_PATTERN, readTextFile } from '../input';
import { changedFiles, fileAt, openGit, resolveBase } from '../git';
import { toJsonReport } from '../output/json';
import { diffText, type FileDiff, type DiffSide } from '../output/diff';
import { toSarif } from '../output/sarif';
import { emit, exitCodeFor } from '../report';
import { InputError } from '../errors';
import { usdDelta, int } from '../../core/format';
import { version } from '../../../package.json';

export const diff: Command = async (args) => {
  const { flags, positionals } = parseFlags(args, { ...ANALYSIS_FLAGS, ...REPORT_FLAGS, base: { type: 'string' } });
  const options = analysisOptions(flags);
  const git = openGit();
  const base = resolveBase(git, flags.base);

  const paths = positionals.length
    ? positionals.flatMap((p) => (existsSync(p) ? collectPromptFiles([p]) : [p]))
    : changedFiles(git, base.commit).filter((p) => PROMPT_FILE_PATTERN.test(p));

  const files = paths.map((path): FileDiff => {
    const oldBytes = fileAt(git, base.commit, path);
    const current = existsSync(path) ? readTextFile(path) : null;
    if (!current && !oldBytes) throw new InputError(`${path}: no such file in the work tree or at ${base.ref}`);
    const oldText = oldBytes && decodeText(`${path} at ${base.ref}`, oldBytes).text;
    const modelFromFlag = flags.model !== undefined;
    const before = oldText !== null ? side(path, oldText, options, modelFromFlag) : null;
    const after = current ? side(path, current.text, options, modelFromFlag) : null;
    return compare(path, before, after, oldText === current?.text, options);
  });

  const format = flags.format ?? 'text';
  const flagged = files.flatMap((f) => f.flags.map((flag) => ({ file: f.file, ...flag })));
  const content =
    format === 'json'
      ? `${JSON.stringify({ base: base.ref, baseCommit: base.commit, files }, null, 2)}\n`
      : format === 'sarif'
        ? `${JSON.stringify(toSarif(flagged, version), null, 2)}\n`
        : diffText(base.ref, files, options);
  emit(content, flags.output);
  return exitCodeFor(
    flagged.map((f) => f.severity),
    flags['fail-on'],
  );
};

function side(path: string, text: string, options: AnalysisOptions, modelFromFlag: boolean): DiffSide {
  const report = analyzeFile(path, text, options, modelFromFlag);
  return { report, json: toJsonReport(path, text, report, options) };
}

/** The per-file comparison, with a `prefix-regression` flag when dynamic content moved above cached static text. */
function compare(file: string, before: DiffSide | null, after: DiffSide | null, same: boolean, options: AnalysisOptions): FileDiff {
  const numbers = (s: DiffSide | null) =>
    s && {
      model: s.report.model,
      tokens: s.report.tokens.total,
      cacheablePrefix: s.report.tokens.cacheablePrefix,
      cachedTokens: s.report.cost.cachedTokens,
      expectedPerRequest: s.report.cost.perRequest.expected,
      monthly: s.report.cost.monthly,
      exact: s.report.tokens.exact,
    };
  const b = numbers(before);
  const a = numbers(after);
  const status = !b ? 'added' : !a ? 'deleted' : same ? 'unchanged' : 'modified';
  const result: FileDiff = {
    file,
    status,
    before: b,
    after: a,
    delta: {
      tokens: (a?.tokens ?? 0) - (b?.tokens ?? 0),
      cacheablePrefix: (a?.cacheablePrefix ?? 0) - (b?.cacheablePrefix ?? 0),
      monthly: (a?.monthly ?? 0) - (b?.monthly ?? 0),
    },
    flags: [],
  };
  if (before && after) {
    const regression = prefixRegression(before.report, after, result.delta.monthly, options);
    if (regression) result.flags.push(regression);
  }
  return result;
}

function prefixRegression(before: AnalysisReport, after: DiffSide, monthlyDelta: number, options: AnalysisOptions): FileDiff['flags'][number] | null {
  const now = after.report;
  if (now.tokens.cacheablePrefix >= before.tokens.cacheablePrefix) return null;
  if (now.prefix.reason !== 'dynamic' && now.prefix.reason !== 'volatile') return null;
  const index = after.json.segments.findIndex((s) => s.start.offset >= now.prefix.end && s.kind === now.prefix.reason);
  const cut = after.json.segments[index === -1 ? 0 : index];
  const range = cut ? { start: cut.start, end: cut.end } : { start: after.json.prefix.end, end: after.json.prefix.end };
  const what = now.prefix.reason === 'dynamic' ? `dynamic segment${cut?.name ? ` "${cut.name}"` : ''}` : 'volatile literal';
  const lost = before.tokens.cacheablePrefix - now.tokens.cacheablePrefix;
  // Claude and Gemini counts are estimates, and so is every figure built on them.
  const a = now.tokens.exact ? '' : '≈';
  return {
    rule: 'prefix-regression',
    severity: 'warning',
    message:
      `A ${what} now comes before static content that was cacheable: cacheable prefix ` +
      `${a}${int(before.tokens.cacheablePrefix)} → ${a}${int(now.tokens.cacheablePrefix)} tokens (−${a}${int(lost)}); ` +
      `projected monthly cost ${a}${usdDelta(monthlyDelta)} at ${options.ratePerMinute}/min, ${int(options.volumePerDay)}/day.`,
    range,
  };
}
