import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import generated from './shared-api-schemas.json';
import { OA_CALLBACK_DOC_PATH, OA_CALLBACK_OPERATIONS } from './oa-callback.doc';
import { SEARCH_DOC_PATHS } from './search.doc';
import { ZONING_LOOKUP_DOC_PATH, ZONING_LOOKUP_OPERATIONS } from './zoning-lookup.doc';
import { PAY_NOTIFY_DOC_PATH, PAY_NOTIFY_OPERATIONS } from '../payments/payment-notify.doc';
import { ERROR_TYPE, QUERY_SCHEMAS, RESPONSES, type ResponseSpec } from './response-registry';

/** The API's own paths (and the official-account callback); anything else Nest lists (the load-balancer probes under /health) is not part of the contract. */
export const API_PATH_PREFIX = '/api/v1';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
type Json = { [key: string]: any };

const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'VALIDATION_FAILED 等：请求参数或正文不合要求（details 逐项说明）',
  '401': 'UNAUTHENTICATED / TOKEN_EXPIRED：未登录或登录已失效',
  '403': 'FORBIDDEN 等：无此权限',
  '404': 'NOT_FOUND：不存在或不可见',
  '4XX': '其他请求错误（如 409 CONFLICT、413 PAYLOAD_TOO_LARGE、429 TOO_MANY_REQUESTS），正文同为错误结构',
  '500': 'INTERNAL_ERROR：服务器错误（带 requestId，便于对照日志）',
  '5XX': '服务器或上游不可用（如 503 WECHAT_UNAVAILABLE），正文同为错误结构',
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_TYPE}` } } },
});

function successResponse(spec: ResponseSpec): Json {
  if ('json' in spec) {
    const schema = (generated.responses as Record<string, Json>)[spec.json];
    return { description: spec.json, content: { 'application/json': { schema } } };
  }
  if ('noContent' in spec) return { description: '成功，无正文' };
  return { description: spec.description, content: { [spec.media]: { schema: { type: 'string', format: 'binary' } } } };
}

/**
 * Gives every operation of Nest's document its answers: the 2xx body from the registry (a schema
 * generated from shared's API types), the error shape on its 4xx/5xx, and a type on every query
 * parameter. Returns what could not be described (a route missing from the registry, a registered
 * type that was not generated, a status that disagrees with the controller) for the tests to fail on.
 */
export function describeOperations(document: OpenAPIObject): { document: OpenAPIObject; problems: string[] } {
  const problems: string[] = [];
  const doc = document as unknown as Json;
  doc.paths = Object.fromEntries(Object.entries(doc.paths as Json).filter(([path]) => path.startsWith(`${API_PATH_PREFIX}/`)));
  doc.paths[OA_CALLBACK_DOC_PATH] = structuredClone(OA_CALLBACK_OPERATIONS);
  doc.paths[PAY_NOTIFY_DOC_PATH] = structuredClone(PAY_NOTIFY_OPERATIONS);
  // Routes registered on Fastify directly, outside Nest's view; described and completed like the others.
  doc.paths[ZONING_LOOKUP_DOC_PATH] = structuredClone(ZONING_LOOKUP_OPERATIONS);
  for (const [path, operations] of Object.entries(SEARCH_DOC_PATHS)) doc.paths[path] = structuredClone(operations);
  doc.components ??= {};
  doc.components.schemas = { ...(doc.components.schemas ?? {}), ...generated.schemas };
  const registered = new Set(Object.keys(RESPONSES));
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const method of METHODS) {
      const operation = (item as Json)[method] as Json | undefined;
      if (!operation) continue;
      const key = `${method.toUpperCase()} ${path.slice(API_PATH_PREFIX.length)}`;
      registered.delete(key);
      const spec = RESPONSES[key];
      const responses: Json = (operation.responses ??= {});
      if (path === OA_CALLBACK_DOC_PATH || path === PAY_NOTIFY_DOC_PATH) {
        // Described in full in oa-callback.doc.ts / payment-notify.doc.ts; only the errors below are added.
      } else if (!spec) {
        problems.push(`${key}: no response in server/src/openapi/response-registry.ts`);
      } else {
        if ('json' in spec && !(generated.responses as Json)[spec.json]) problems.push(`${key}: ${spec.json} is not in shared-api-schemas.json (run npm run openapi:schemas -w @gongkai/server)`);
        for (const code of Object.keys(responses)) {
          if (code.startsWith('2') && code !== String(spec.status)) problems.push(`${key}: the controller answers ${code}, the registry says ${spec.status}`);
          if (code.startsWith('2')) delete responses[code];
        }
        responses[String(spec.status)] = successResponse(spec);
        if ('revalidates' in spec) responses['304'] = { description: '未修改：If-None-Match 与当前 ETag 相同，无正文' };
      }
      const parameters: Json[] = operation.parameters ?? [];
      const errors = ['4XX', '500', '5XX'];
      if (parameters.length || operation.requestBody) errors.push('400');
      if (operation.security?.length) errors.push('401', '403');
      if (parameters.some((p) => p.in === 'path')) errors.push('404');
      for (const code of errors.sort()) {
        const documented = responses[code] as Json | undefined;
        responses[code] = errorResponse(documented?.description || ERROR_DESCRIPTIONS[code]!);
      }
      for (const [code, response] of Object.entries(responses)) {
        if (/^[45]/.test(code) && !(response as Json).content) responses[code] = errorResponse((response as Json).description || ERROR_DESCRIPTIONS[code] || '错误');
      }
      if (spec && 'ranges' in spec) {
        responses['206'] = { description: '部分内容：Range 请求的一段（Content-Range 给出位置）', content: { [spec.media]: { schema: { type: 'string', format: 'binary' } } } };
        // As HTTP answers it: no body, Content-Range says the size.
        responses['416'] = { description: 'Range 超出文件大小（Content-Range: bytes */大小），无正文' };
      }
      for (const parameter of parameters) {
        const override = QUERY_SCHEMAS[key]?.[parameter.name];
        if (parameter.in === 'query' && override) parameter.schema = { ...override };
        else if (parameter.in === 'query' && !parameter.schema?.type && !parameter.schema?.$ref) parameter.schema = { ...(parameter.schema ?? {}), type: 'string' };
      }
    }
  }
  for (const key of registered) problems.push(`${key}: in the registry but not a route`);
  return { document, problems };
}

/** The OpenAPI document served at /api/docs (JSON at /api/docs/openapi.json). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const base = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Gongkai 教育公开 API')
      .setDescription('县教育局政府信息公开：公开目录、信息发布、工作人员登录。错误统一为 { statusCode, code, message, details? }（ErrorBody）。')
      .setVersion('1')
      .addBearerAuth()
      // The portal's API key for /sync/* (admins create it on /staff/portal/clients).
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: '门户密钥（gkp_ 开头），由管理员在 /api/v1/staff/portal/clients 创建，只显示一次' }, 'portal-key')
      .build(),
  );
  return describeOperations(base).document;
}
