/**
 * ts-json-schema-generator writes JSON Schema (draft-07); the document is OpenAPI 3.0, whose
 * schema dialect differs in a few places. These two functions translate both ways: the generator
 * script writes 3.0 schemas into shared-api-schemas.json, and the API tests' contract check turns
 * the document's schemas back into JSON Schema for ajv.
 */
export type Schema = { [key: string]: unknown };

/** `Page<QaItem>` → `Page_QaItem`: component names allow letters, digits, `.`, `_` and `-` only. */
export function componentName(definition: string): string {
  return definition.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '');
}

const isNull = (s: unknown) => typeof s === 'object' && s !== null && (s as Schema).type === 'null' && Object.keys(s as Schema).length === 1;

/** JSON Schema (as the generator writes it) → an OpenAPI 3.0 schema object. */
export function toOpenApiSchema(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === 'definitions' || key === '$id') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = `#/components/schemas/${componentName(decodeURIComponent(value.replace('#/definitions/', '')))}`;
    } else if (key === 'const') {
      out.enum = [value];
    } else if (key === 'type' && Array.isArray(value)) {
      const types = value.filter((t) => t !== 'null');
      if (types.length < value.length) out.nullable = true;
      if (types.length === 1) out.type = types[0];
      else out.anyOf = types.map((t) => ({ type: t }));
    } else if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      const members = value.filter((m) => !isNull(m)).map((m) => toOpenApiSchema(m as Schema));
      const nullable = members.length < value.length;
      if (members.length === 1) {
        const only = members[0]!;
        // 3.0 ignores siblings of $ref, so a nullable reference is written as allOf + nullable.
        Object.assign(out, only.$ref ? { allOf: [only] } : only);
      } else {
        out[key] = members;
      }
      if (nullable) out.nullable = true;
    } else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toOpenApiSchema(v as Schema)]));
    } else if ((key === 'items' || key === 'additionalProperties' || key === 'not') && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = toOpenApiSchema(value as Schema);
    } else if (key === 'allOf' && Array.isArray(value)) {
      out.allOf = value.map((m) => toOpenApiSchema(m as Schema));
    } else {
      out[key] = value;
    }
  }
  if (out.nullable && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

/**
 * An OpenAPI 3.0 schema → JSON Schema for ajv: `nullable` becomes a `null` type, and references
 * point into the document registered under `documentId`.
 */
export function toJsonSchema(schema: unknown, documentId: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, documentId));
  if (!schema || typeof schema !== 'object') return schema;
  const source = schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'example' || key === 'xml' || key === 'discriminator' || key === 'externalDocs') continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out.$ref = `${documentId}${value}`;
    else if (key === 'properties' && value && typeof value === 'object') out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v, documentId)]));
    else if (key === 'enum' || key === 'required' || key === 'default') out[key] = value;
    else out[key] = toJsonSchema(value, documentId);
  }
  if (source.nullable !== true) return out;
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'], ...(Array.isArray(out.enum) && !out.enum.includes(null) ? { enum: [...out.enum, null] } : {}) };
  return { anyOf: [out, { type: 'null' }] };
}
