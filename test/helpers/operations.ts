import { join } from 'node:path';
import { loadExampleOperations } from '../../src/server/playground';
import { ROOT_DIR } from '../../src/app';

/** The frontend operations in schema/operations/ (with the fragments they use), by operation name. */
export function operation(name: string): string {
  const ops = loadExampleOperations(join(ROOT_DIR, 'schema', 'operations'));
  const found = ops.find((o) => new RegExp(`\\b(query|mutation|subscription)\\s+${name}\\b`).test(o.query));
  if (!found) throw new Error(`no operation ${name} in schema/operations`);
  return found.query;
}
