import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildASTSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { ROOT_DIR } from '../../src/app';

/** Types the federation spec or graphql-scalars bring, described by them or by the spec, not by us. */
const NOT_OURS = new Set(['_Any', '_Entity', '_Service', 'FieldSet', 'link__Import', 'link__Purpose']);

/** Every type, field, argument and enum value of ours without a description, as a path (Type.field(arg)). */
export function undescribed(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  const missing = (d: string | null | undefined) => !d?.trim();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || NOT_OURS.has(type.name)) continue;
    if (missing(type.description)) out.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith('_')) continue;
        if (missing(field.description)) out.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) if (missing(arg.description)) out.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const v of type.getValues()) if (missing(v.description)) out.push(`${type.name}.${v.name}`);
  }
  return out;
}

describe('schema descriptions', () => {
  const sdl = readFileSync(join(ROOT_DIR, 'schema', 'recording.graphql'), 'utf8');
  const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });

  it('every type, field, argument and enum value of the SDL has a description', () => {
    assert.deepEqual(undescribed(schema), [], 'describe these in the type-graphql classes, then `npm run schema:print`');
  });

  it('the count finds what is missing (an undescribed field and an undescribed argument are reported)', () => {
    const bare = buildASTSchema(parse('"""Q."""\ntype Query {\n  """Described."""\n  a(x: Int): Int\n  b: Int\n}'));
    assert.deepEqual(undescribed(bare), ['Query.a(x)', 'Query.b']);
  });
});
