// Delivering a command's report: to stdout, or to `--output FILE` written atomically only after every
// input was read and analysed (so a bad input never leaves a partial report behind), and the exit
// code for `--fail-on`.
import type { Severity } from '../core/types';
import { writeFileAtomic } from './input';

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** Writes `content` to `outputPath` (atomically) or to stdout. */
export function emit(content: string, outputPath: string | undefined): void {
  if (outputPath === undefined) process.stdout.write(content);
  else writeFileAtomic(outputPath, content);
}

/** 1 when any severity is at or above `failOn`, else 0; without `--fail-on` a command never fails on findings. */
export function exitCodeFor(severities: Iterable<Severity>, failOn: Severity | undefined): number {
  if (failOn === undefined) return 0;
  for (const s of severities) if (RANK[s] >= RANK[failOn]) return 1;
  return 0;
}
