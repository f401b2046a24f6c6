import { validate, type ValidationError } from 'class-validator';
import { badInput, type FieldProblem } from '../domain/errors';

/**
 * type-graphql's argument validation, with field paths: an input class (`...Input`) arrives as the `input`
 * argument by convention, an args class (`...Args`) spreads into top-level arguments.
 */
export async function validateArgument(argValue: unknown, argType: unknown): Promise<void> {
  if (!argValue || typeof argValue !== 'object' || typeof argType !== 'function') return;
  const prefix = /Input$/.test((argType as { name: string }).name) ? ['input'] : [];
  const values = Array.isArray(argValue) ? argValue : [argValue];
  const problems = [];
  for (const [i, v] of values.entries()) {
    if (!v || typeof v !== 'object') continue;
    const errors = await validate(v as object, { forbidUnknownValues: false, validationError: { target: false, value: false } });
    problems.push(...validationProblems(errors, Array.isArray(argValue) ? [...prefix, i] : prefix));
  }
  if (problems.length) throw badInput(problems);
}

/** class-validator's nested errors as flat field paths. */
export function validationProblems(errors: ValidationError[], prefix: (string | number)[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const key = /^\d+$/.test(e.property) ? Number(e.property) : e.property;
    const path = [...prefix, key];
    for (const message of Object.values(e.constraints ?? {})) out.push({ path, message });
    if (e.children?.length) out.push(...validationProblems(e.children, path));
  }
  return out;
}
