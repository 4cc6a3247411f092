import { z } from 'zod';

/**
 * A contract's data schema with some fields made optional, its cross-field
 * rules kept: a request may leave out what the service can fill in (a new id,
 * the case's pact id). Zod refuses `.partial()` on a refined object, so the
 * object is rebuilt and the contract's refinements are applied to it again.
 */
export function withOptionalFields<Shape extends z.ZodRawShape, Key extends keyof Shape & string>(
  schema: z.ZodObject<Shape, z.core.$strict>,
  keys: readonly Key[],
): z.ZodObject<Omit<Shape, Key> & { [K in Key]: z.ZodOptional<Shape[K]> }, z.core.$strict> {
  const shape: Record<string, z.core.$ZodType> = { ...schema.shape };
  for (const key of keys) shape[key] = z.optional(schema.shape[key] as z.core.$ZodType);
  const loosened = z.strictObject(shape);
  const rules = (schema._zod.def.checks ?? []) as z.core.$ZodCheck<unknown>[];
  return (rules.length > 0 ? loosened.check(...rules) : loosened) as unknown as z.ZodObject<Omit<Shape, Key> & { [K in Key]: z.ZodOptional<Shape[K]> }, z.core.$strict>;
}
