import type { OpenAPIObject } from '@nestjs/swagger';
import { describeOperations } from './openapi-document';
import { componentName, toJsonSchema, toOpenApiSchema } from './json-schema-to-openapi';
import { RESPONSES, responseTypeExpressions } from './response-registry';
import generated from './shared-api-schemas.json';

describe('JSON Schema ↔ OpenAPI 3.0', () => {
  it('names components without generics', () => {
    expect(componentName('Page<QaItem>')).toBe('Page_QaItem');
    expect(componentName('StaffMe')).toBe('StaffMe');
  });

  it('writes nullable types, constants and references the 3.0 way', () => {
    expect(toOpenApiSchema({ type: ['string', 'null'], description: 'd' })).toEqual({ type: 'string', nullable: true, description: 'd' });
    expect(toOpenApiSchema({ type: 'string', const: 'edit' })).toEqual({ type: 'string', enum: ['edit'] });
    expect(toOpenApiSchema({ anyOf: [{ $ref: '#/definitions/Page<QaItem>' }, { type: 'null' }] })).toEqual({ allOf: [{ $ref: '#/components/schemas/Page_QaItem' }], nullable: true });
    expect(toOpenApiSchema({ anyOf: [{ type: 'object', properties: { a: { type: 'number' } } }, { type: 'null' }] })).toEqual({ type: 'object', properties: { a: { type: 'number' } }, nullable: true });
    expect(toOpenApiSchema({ type: ['string', 'null'], enum: ['a', null] })).toEqual({ type: 'string', nullable: true, enum: ['a', null] });
    expect(toOpenApiSchema({ $schema: 'x', type: 'array', items: { $ref: '#/definitions/TopicView' } })).toEqual({ type: 'array', items: { $ref: '#/components/schemas/TopicView' } });
  });

  it('reads them back as JSON Schema for ajv', () => {
    expect(toJsonSchema({ type: 'string', nullable: true }, 'doc')).toEqual({ type: ['string', 'null'] });
    expect(toJsonSchema({ type: 'string', nullable: true, enum: ['a'] }, 'doc')).toEqual({ type: ['string', 'null'], enum: ['a', null] });
    expect(toJsonSchema({ allOf: [{ $ref: '#/components/schemas/X' }], nullable: true }, 'doc')).toEqual({ anyOf: [{ allOf: [{ $ref: 'doc#/components/schemas/X' }] }, { type: 'null' }] });
    expect(toJsonSchema({ type: 'object', properties: { nullable: { type: 'boolean' } }, required: ['nullable'], example: {} }, 'doc')).toEqual({ type: 'object', properties: { nullable: { type: 'boolean' } }, required: ['nullable'] });
  });
});

describe('the response registry', () => {
  it('has a generated schema for every type it names, and ErrorBody', () => {
    const responses = generated.responses as Record<string, unknown>;
    expect(responseTypeExpressions().filter((t) => !responses[t])).toEqual([]);
    expect(responses.ErrorBody).toEqual({ $ref: '#/components/schemas/ErrorBody' });
  });

  it('answers 201 for creations, 204 without a body for deletions', () => {
    expect(RESPONSES['POST /staff/notices']).toEqual({ status: 201, json: 'StaffNoticeView' });
    expect(RESPONSES['DELETE /staff/notices/{id}']).toEqual({ status: 204, noContent: true });
  });
});

describe('describeOperations', () => {
  const nestDocument = (): OpenAPIObject =>
    ({
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/health/live': { get: { responses: { '200': { description: '' } } } },
        '/api/v1/staff/notices/{id}': {
          get: { security: [{ bearer: [] }], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: '' } } },
          delete: { security: [{ bearer: [] }], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: '' } } },
        },
        '/api/v1/notices': { get: { parameters: [{ name: 'q', in: 'query', required: false, schema: {} }], responses: { '429': { description: 'RATE_LIMITED' } } } },
        '/api/v1/nowhere': { post: { responses: { '201': { description: '' } } } },
        '/api/v1/auth/demo': { post: { responses: { '201': { description: '' } } } },
      },
    }) as unknown as OpenAPIObject;

  it('adds the shared type, the error shape and string types; drops the probes', () => {
    const { document } = describeOperations(nestDocument());
    const paths = document.paths as Record<string, any>;
    expect(Object.keys(paths)).not.toContain('/health/live');
    const get = paths['/api/v1/staff/notices/{id}'].get.responses;
    expect(get['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/StaffNoticeView' });
    expect(Object.keys(get).sort()).toEqual(['200', '400', '401', '403', '404', '4XX', '500', '5XX']);
    expect(get['404'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    expect(paths['/api/v1/staff/notices/{id}'].delete.responses['204']).toEqual({ description: '成功，无正文' });
    const list = paths['/api/v1/notices'].get;
    expect(list.parameters[0].schema).toEqual({ type: 'string' });
    expect(list.responses['429'].description).toBe('RATE_LIMITED');
    expect(list.responses['429'].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorBody');
    expect(Object.keys(list.responses)).toContain('304');
    expect((document.components!.schemas as Record<string, unknown>).Page_NoticeListItem).toBeDefined();
  });

  it('reports routes the registry lacks, registered routes that do not exist, and a disagreeing status', () => {
    const { problems } = describeOperations(nestDocument());
    expect(problems).toContain('POST /nowhere: no response in server/src/openapi/response-registry.ts');
    expect(problems).toContain('POST /auth/demo: the controller answers 201, the registry says 200');
    expect(problems).toContain('GET /staff/audit: in the registry but not a route');
  });
});
