// Content hashes for cache namespaces, provider cache keys and the count-tokens cache.
import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
