/** Small type guards shared by the emulators' request validation. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

export function has(obj: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(obj, key);
}
