import { asc, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '../domain/errors';

/** Which tenants a store call may see: the caller's list, or null for every tenant (platform operator). */
export type TenantScope = readonly string[] | null;

export interface PageArgs {
  first: number;
  after?: string | null;
}

export interface Page<T> {
  items: T[];
  /** One cursor per item, in order: the edge cursors of a Relay connection. */
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
  /**
   * The number of rows the filter matches, ignoring the cursor: one indexed count, run only when called (a client
   * that does not select totalCount pays nothing).
   */
  count?: () => Promise<number>;
}

/** A page from rows read with limit first + 1, and the cursor of each row. */
export function pageOf<T>(rows: T[], first: number, cursorOf: (r: T) => string, count?: () => Promise<number>): Page<T> {
  const hasNextPage = rows.length > first;
  const items = hasNextPage ? rows.slice(0, first) : rows;
  const cursors = items.map(cursorOf);
  return { items, cursors, hasNextPage, endCursor: cursors[cursors.length - 1] ?? null, ...(count ? { count } : {}) };
}

/** Keyset cursors over (created_at, id): stable under inserts, no OFFSET scans. */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const sep = raw.indexOf('|');
  const createdAt = new Date(raw.slice(0, sep));
  if (sep < 0 || Number.isNaN(createdAt.getTime()) || !raw.slice(sep + 1)) {
    throw new AppError('BAD_USER_INPUT', 'The cursor is not one this API issued', { fields: [{ path: ['after'], message: 'invalid cursor' }] });
  }
  return { createdAt, id: raw.slice(sep + 1) };
}

/**
 * The rows after a cursor, as a row comparison `(created_at, id) > ($1, $2)` (issue 18, like the audit log's): one
 * bound of an index on (created_at, id), or on (tenant_id, created_at, id) after the tenant's equality, so a deep
 * page starts at its position in the index. The OR form it replaces (`a > x OR (a = x AND id > y)`) means the same
 * rows but is not an index bound: the scan read from the start of the range and filtered.
 */
export function afterCursor(createdCol: PgColumn, idCol: PgColumn, after?: string | null): SQL | undefined {
  if (!after) return undefined;
  const c = decodeCursor(after);
  return sql`(${createdCol}, ${idCol}) > (${c.createdAt.toISOString()}::timestamptz, ${c.id})`;
}

export function tenantCondition(col: PgColumn, scope: TenantScope): SQL | undefined {
  if (scope === null) return undefined;
  return inArray(col, scope.length ? [...scope] : ['\u0000none']);
}

export function toPage<T extends { createdAt: Date; id: string }>(rows: T[], first: number, count?: () => Promise<number>): Page<T> {
  return pageOf(rows, first, (r) => encodeCursor(r.createdAt, r.id), count);
}

/** Like toPage, for tables whose order column is not created_at. */
export function toPageBy<T extends { id: string }>(rows: T[], first: number, at: (r: T) => Date, count?: () => Promise<number>): Page<T> {
  return pageOf(rows, first, (r) => encodeCursor(at(r), r.id), count);
}

export const decodeCursorAt = decodeCursor;

export const pageOrder = (createdCol: PgColumn, idCol: PgColumn) => [asc(createdCol), asc(idCol)];
