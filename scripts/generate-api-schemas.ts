/**
 * Generates server/src/openapi/shared-api-schemas.json: the OpenAPI schemas of every response type
 * the registry (server/src/openapi/response-registry.ts) names, from shared's API types
 * (shared/src/api/*.ts), the one source of truth. The file is committed so the server needs
 * neither TypeScript nor shared's sources at run time; test/e2e/api/api-contract.e2e.ts
 * regenerates it in memory and fails when the committed one is stale.
 *
 *   npm run openapi:schemas -w @gongkai/server
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ts from 'typescript';
import { createFormatter, createParser, DEFAULT_CONFIG, SchemaGenerator, type CompletedConfig } from 'ts-json-schema-generator';
import { componentName, toOpenApiSchema, type Schema } from '../server/src/openapi/json-schema-to-openapi';
import { responseTypeExpressions } from '../server/src/openapi/response-registry';

const ROOT = resolve(__dirname, '..');
export const SCHEMAS_FILE = resolve(ROOT, 'server/src/openapi/shared-api-schemas.json');

export interface ApiSchemas {
  /** Type expression of the registry → its schema (usually a `$ref` into `schemas`). */
  responses: Record<string, Schema>;
  /** Component schemas, by name. */
  schemas: Record<string, Schema>;
}

const NOT_TYPES = new Set(['null', 'undefined', 'string', 'number', 'boolean', 'unknown']);

/** A virtual module beside shared's API types: one alias per type expression. */
function entryModule(expressions: string[]): string {
  const names = new Set<string>();
  for (const e of expressions) for (const id of e.match(/[A-Za-z_]\w*/g) ?? []) if (!NOT_TYPES.has(id)) names.add(id);
  return [
    `import type { ${[...names].sort().join(', ')} } from '../index';`,
    ...expressions.map((e, i) => `export type Response${i} = ${e};`),
  ].join('\n');
}

export function generateApiSchemas(expressions = responseTypeExpressions()): ApiSchemas {
  const entry = resolve(ROOT, 'shared/src/api/__openapi_responses__.ts');
  const text = entryModule(expressions);
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, noEmit: true, skipLibCheck: true, types: [], lib: ['lib.es2022.d.ts'] };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (file, language, ...rest) => (file === entry ? ts.createSourceFile(file, text, language) : getSourceFile.call(host, file, language, ...rest));
  host.fileExists = (file) => file === entry || fileExists.call(host, file);
  host.readFile = (file) => (file === entry ? text : readFile.call(host, file));
  const program = ts.createProgram([entry], options, host);
  const problems = ts.getPreEmitDiagnostics(program, program.getSourceFile(entry));
  if (problems.length) throw new Error(`response types that shared does not export: ${problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`);

  const config = { ...DEFAULT_CONFIG, path: entry, skipTypeCheck: true, expose: 'export', topRef: false, jsDoc: 'extended', sortProps: true, additionalProperties: false, encodeRefs: false } as CompletedConfig;
  const generator = new SchemaGenerator(program, createParser(program, config), createFormatter(config), config);
  const responses: Record<string, Schema> = {};
  const definitions: Record<string, Schema> = {};
  expressions.forEach((expression, i) => {
    const { definitions: defs = {}, ...root } = generator.createSchema(`Response${i}`) as Schema & { definitions?: Record<string, Schema> };
    for (const [name, schema] of Object.entries(defs)) if (!name.startsWith('Response')) definitions[name] = schema;
    responses[expression] = toOpenApiSchema(root);
  });
  const schemas: Record<string, Schema> = {};
  for (const name of Object.keys(definitions).sort()) {
    const component = componentName(name);
    if (schemas[component]) throw new Error(`two shared types map to the component name ${component}`);
    schemas[component] = toOpenApiSchema(definitions[name]!);
  }
  return { responses, schemas };
}

/** One line per entry: small diffs when a type changes, and short lines. */
export function formatApiSchemas(schemas: ApiSchemas): string {
  const block = (entries: Record<string, Schema>) =>
    Object.keys(entries)
      .sort()
      .map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(entries[k])}`)
      .join(',\n');
  return `{\n  "responses": {\n${block(schemas.responses)}\n  },\n  "schemas": {\n${block(schemas.schemas)}\n  }\n}\n`;
}

if (require.main === module) {
  const started = Date.now();
  const text = formatApiSchemas(generateApiSchemas());
  const before = (() => { try { return readFileSync(SCHEMAS_FILE, 'utf8'); } catch { return ''; } })();
  if (before !== text) writeFileSync(SCHEMAS_FILE, text);
  console.log(`${SCHEMAS_FILE}: ${before === text ? 'unchanged' : 'written'} (${Date.now() - started} ms)`);
}
