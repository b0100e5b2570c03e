// Keeps API keys out of anything shown or logged: provider errors, retry reasons, the playground.

/**
 * OpenAI-style keys (`sk-…`, `sk-proj-…`, `sk-ant-…`), whole or partly masked as providers echo them
 * in 401 messages (`sk-proj-abc…wxyz`, `sk-****abcd`). The word boundary spares words like "task-force";
 * the last character is not a dot or dash, so a sentence's full stop stays.
 */
const KEY_LIKE = /\bsk-[A-Za-z0-9_*.…-]{3,}[A-Za-z0-9_*…]/g;

/**
 * Replaces every occurrence of each secret in `message`, and anything shaped like a key, with
 * `[redacted]`; secrets shorter than 8 characters are not keys and are left alone.
 */
export function redactSecrets(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out.replace(KEY_LIKE, '[redacted]');
}

/** The message of a thrown value, whatever was thrown. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
