// Number formatting for the panel: the core's rules (src/core/format.ts), so a cost reads the same
// here as in the editor and the CLI. Unknown values (the provider did not report them) are shown as
// "unknown", never as zero, so a missing usage field cannot pass for a free request.
import * as core from '../src/core/format';

export const UNKNOWN = 'unknown';

const known =
  (format: (n: number) => string) =>
  (n: number | null | undefined): string =>
    n === null || n === undefined ? UNKNOWN : format(n);

/** `1,109`, or unknown. */
export const tokens = known(core.int);
/** `$0.0047`, `$2.50`, or unknown. */
export const usd = known(core.usd);
/** `1,234 ms`, or unknown. */
export const ms = known(core.ms);
/** `12.5%`, or unknown. */
export const percent = known(core.percent);
