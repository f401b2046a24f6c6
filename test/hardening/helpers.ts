import { createHash } from 'node:crypto';
import {
  getNamedType,
  getNullableType,
  isListType,
  isCompositeType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { TestApp } from '../helpers/app';

export type RootKind = 'query' | 'mutation' | 'subscription';

/** Every root field of the schema as it is built now: a new operation shows up here without anyone listing it. */
export function rootFields(schema: GraphQLSchema): { kind: RootKind; field: GraphQLField<unknown, unknown> }[] {
  const out: { kind: RootKind; field: GraphQLField<unknown, unknown> }[] = [];
  const roots: [RootKind, GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  for (const [kind, type] of roots) for (const field of Object.values(type?.getFields() ?? {})) out.push({ kind, field });
  return out;
}

/** Fields of a type that hold lists of objects (a page's nodes, a report's policies). */
export function listFieldsOf(type: unknown): string[] {
  if (!isObjectType(type)) return [];
  return Object.values(type.getFields())
    .filter((f) => isListType(getNullableType(f.type)) && isCompositeType(getNamedType(f.type)))
    .map((f) => f.name);
}

/** The smallest selection that still shows whether anything came back (pages and reports show their lists). */
function selectionFor(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (!isCompositeType(named)) return '';
  const lists = listFieldsOf(named);
  return ` { __typename${lists.map((l) => ` ${l} { __typename }`).join('')} }`;
}

/** A document calling one root field with the given arguments as variables. */
export function documentFor(kind: RootKind, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): string {
  const given = field.args.filter((a) => a.name in args);
  const defs = given.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const call = given.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${kind}${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''}${selectionFor(field)} }`;
}

/** The tables of the app's schema (whatever migrations created), for before/after comparisons. */
export async function tableNames(t: TestApp): Promise<string[]> {
  const rows = await t.app.database.rawQuery<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** Row count and a digest of every row of every table: any insert, update or delete changes it. */
export async function databaseState(t: TestApp, tables?: string[]): Promise<Record<string, { rows: number; digest: string }>> {
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const table of tables ?? (await tableNames(t))) {
    const rows = await t.app.database.rawQuery<{ row: string }>(`SELECT x::text AS row FROM "${table}" x`);
    const texts = rows.map((r) => r.row).sort();
    out[table] = { rows: texts.length, digest: createHash('sha256').update(texts.join('\n')).digest('hex').slice(0, 16) };
  }
  return out;
}

/** Sum of rows over every table. */
export const totalRows = (state: Record<string, { rows: number }>) => Object.values(state).reduce((n, s) => n + s.rows, 0);
