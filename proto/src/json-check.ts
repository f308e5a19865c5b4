// A checker for the small part of JSON Schema (draft 2020-12, "Validation" vocabulary) that the
// shared HTTP schemas use, so the agent applies to the platform's answer the very rules the
// platform's Fastify routes are declared with, without a schema library on the device. A keyword
// outside this subset is a programming error: `JsonSchema` does not admit it, and checking
// throws on one rather than silently passing the value.

export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface JsonSchema {
  readonly type?: JsonType | readonly JsonType[];
  readonly description?: string;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly required?: readonly string[];
  readonly properties?: { readonly [name: string]: JsonSchema };
  readonly additionalProperties?: boolean;
  readonly maxProperties?: number;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
}

const KNOWN = new Set([
  'type',
  'description',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'required',
  'properties',
  'additionalProperties',
  'maxProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
]);

function typeOf(value: unknown): JsonType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType | 'undefined';
}

function hasType(value: unknown, type: JsonType): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const at = (path: string): string => path || 'the value';
const child = (path: string, name: string): string => (path ? `${path}.${name}` : name);

/**
 * The first way `value` breaks `schema`, as a sentence naming the field by its path
 * (`mqtt.tlsUrl must match …`), or null when it conforms.
 */
export function schemaProblem(schema: JsonSchema, value: unknown, path = ''): string | null {
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword)) throw new TypeError(`json-check: unsupported keyword ${keyword} at ${at(path)}`);
  }
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!types.some((t) => hasType(value, t))) return `${at(path)} must be ${types.join(' or ')}`;
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) return `${at(path)} must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (typeof value === 'string') return stringProblem(schema, value, path);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return `${at(path)} must be >= ${schema.minimum}`;
    if (schema.maximum !== undefined && value > schema.maximum) return `${at(path)} must be <= ${schema.maximum}`;
    return null;
  }
  if (Array.isArray(value)) return arrayProblem(schema, value, path);
  if (value !== null && typeof value === 'object') return objectProblem(schema, value as Record<string, unknown>, path);
  return null;
}

function stringProblem(schema: JsonSchema, value: string, path: string): string | null {
  // Lengths in code points, as JSON Schema (and ajv) count them.
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) return `${at(path)} must NOT have fewer than ${schema.minLength} characters`;
  if (schema.maxLength !== undefined && length > schema.maxLength) return `${at(path)} must NOT have more than ${schema.maxLength} characters`;
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return `${at(path)} must match pattern "${schema.pattern}"`;
  return null;
}

function arrayProblem(schema: JsonSchema, value: readonly unknown[], path: string): string | null {
  if (schema.minItems !== undefined && value.length < schema.minItems) return `${at(path)} must NOT have fewer than ${schema.minItems} items`;
  if (schema.maxItems !== undefined && value.length > schema.maxItems) return `${at(path)} must NOT have more than ${schema.maxItems} items`;
  if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) return `${at(path)} must NOT have duplicate items`;
  if (schema.items === undefined) return null;
  for (const [i, item] of value.entries()) {
    const problem = schemaProblem(schema.items, item, `${path}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

function objectProblem(schema: JsonSchema, value: Record<string, unknown>, path: string): string | null {
  const names = Object.keys(value);
  if (schema.maxProperties !== undefined && names.length > schema.maxProperties)
    return `${at(path)} must NOT have more than ${schema.maxProperties} properties`;
  for (const name of schema.required ?? []) {
    if (value[name] === undefined) return `${child(path, name)} is missing`;
  }
  const properties = schema.properties ?? {};
  for (const name of names) {
    const sub = Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (sub === undefined) {
      if (schema.additionalProperties === false) return `${child(path, name)} is not allowed`;
      continue;
    }
    const problem = schemaProblem(sub, value[name], child(path, name));
    if (problem) return problem;
  }
  return null;
}
