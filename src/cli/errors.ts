/** Wrong flags or arguments: exit 2. */
export class UsageError extends Error {}
/** A missing, unreadable, binary or otherwise unusable input: exit 2. */
export class InputError extends Error {}
