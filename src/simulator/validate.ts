// Request-body checks that fail the way the providers do: a 400 naming the offending field.
import { ApiError } from './wire';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, field: string): Json {
  if (!isObject(value)) throw new ApiError(400, `${field}: expected an object`);
  return value;
}

export function string(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new ApiError(400, `${field}: expected a non-empty string`);
  return value;
}

export function array(value: unknown, field: string, { nonEmpty = false } = {}): unknown[] {
  if (!Array.isArray(value) || (nonEmpty && value.length === 0)) {
    throw new ApiError(400, `${field}: expected ${nonEmpty ? 'a non-empty' : 'an'} array`);
  }
  return value;
}

export function positiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ApiError(400, `${field}: expected a positive integer`);
  }
  return value;
}

export function optional<T>(value: unknown, check: (v: unknown, field: string) => T, field: string): T | undefined {
  return value === undefined || value === null ? undefined : check(value, field);
}
