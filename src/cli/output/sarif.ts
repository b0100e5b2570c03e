// SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, VS Code SARIF viewer).
// Positions are one-based lines and UTF-16 columns, SARIF's defaults.
import type { Severity } from '../../core/types';
import type { JsonRange } from './json';

export interface SarifFinding {
  file: string;
  rule: string;
  severity: Severity;
  message: string;
  range: JsonRange;
}

/** Short descriptions of every rule the CLI can report, by id. */
const RULE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'dynamic-before-static': 'A dynamic segment cuts the static text after it out of the cacheable prefix.',
  'volatile-in-prefix': 'A date, time or id literal inside what would be the cacheable prefix.',
  'prefix-below-minimum': "The cacheable prefix is below the model's minimum, so nothing is cached.",
  'too-many-breakpoints': 'More than 4 cache_control breakpoints.',
  'unbalanced-template': 'A malformed template construct.',
  'prefix-regression': 'A change puts dynamic or volatile content above static content that used to be cacheable.',
};

/** A SARIF 2.1.0 log with one run of `prompt-cost`. */
export function toSarif(findings: readonly SarifFinding[], toolVersion: string): object {
  const ruleIds = [...new Set(findings.map((f) => f.rule))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'prompt-cost',
            version: toolVersion,
            rules: ruleIds.map((id) => ({
              id,
              name: id,
              shortDescription: { text: RULE_DESCRIPTIONS[id] ?? id },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: f.severity === 'info' ? 'note' : f.severity,
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUri(f.file) },
                region: {
                  startLine: f.range.start.line + 1,
                  startColumn: f.range.start.character + 1,
                  endLine: f.range.end.line + 1,
                  endColumn: f.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}

/** Relative paths with forward slashes, each segment percent-encoded, as SARIF URIs require. */
function toUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
}
