// `prompt-cost analyze [--model ID] [--format text|json|sarif] [--rate PER_MINUTE] [--volume PER_DAY]
//  [--fail-on error|warning|info] [-o FILE] PATH...`: tokens, cacheable prefix, cost and findings.
import type { Command } from '../command';
import { parseFlags } from '../args';
import { ANALYSIS_FLAGS, REPORT_FLAGS, analysisOptions, analyzeFile } from '../analysis';
import { collectPromptFiles, readTextFile } from '../input';
import { toJsonReport } from '../output/json';
import { analyzeText } from '../output/text';
import { toSarif } from '../output/sarif';
import { emit, exitCodeFor } from '../report';
import { version } from '../../../package.json';

export const analyze: Command = async (args) => {
  const { flags, positionals } = parseFlags(args, { ...ANALYSIS_FLAGS, ...REPORT_FLAGS }, { min: 1, name: 'PATH (a prompt file or folder)' });
  const options = analysisOptions(flags);
  // Everything is read and analysed before anything is written, so a bad input leaves no partial output.
  const files = collectPromptFiles(positionals).map((path) => {
    const { text } = readTextFile(path);
    return toJsonReport(path, text, analyzeFile(path, text, options, flags.model !== undefined), options);
  });

  const format = flags.format ?? 'text';
  const content =
    format === 'json'
      ? `${JSON.stringify({ files }, null, 2)}\n`
      : format === 'sarif'
        ? `${JSON.stringify(
            toSarif(
              files.flatMap((f) => f.findings.map((finding) => ({ file: f.file, ...finding }))),
              version,
            ),
            null,
            2,
          )}\n`
        : analyzeText(files);
  emit(content, flags.output);
  return exitCodeFor(
    files.flatMap((f) => f.findings.map((finding) => finding.severity)),
    flags['fail-on'],
  );
};
