// Dispatches a region of text to the scanner for its variable syntax.
import type { VariableSyntax } from '../types';
import type { SegmentBuilder } from './builder';
import { scanDollar } from './syntax/dollar';
import { scanFString } from './syntax/fstring';
import { scanMustache, type MustacheDialect } from './syntax/mustache';

export type Dialect = MustacheDialect;

/** Adds the segments of text[start, end) to `out`, which must be positioned at `start`. */
export function scanSyntax(text: string, start: number, end: number, syntax: VariableSyntax, dialect: Dialect, out: SegmentBuilder): void {
  switch (syntax) {
    case 'mustache':
      return scanMustache(text, start, end, dialect, out);
    case 'fstring':
      return scanFString(text, start, end, out);
    case 'js':
    case 'vscode':
      return scanDollar(text, start, end, syntax, out);
    case 'none':
      return out.fill(end);
  }
}
