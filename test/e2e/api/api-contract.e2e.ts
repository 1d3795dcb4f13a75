import SwaggerParser from '@apidevtools/swagger-parser';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { describeOperations } from '../../../server/src/openapi/openapi-document';
import { formatApiSchemas, generateApiSchemas, SCHEMAS_FILE } from '../../../scripts/generate-api-schemas';
import { ApiClient } from '../../support/api-client';
import { ContractError, contractOf } from '../../contract/contract-check';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The OpenAPI document is the API's contract: valid, every operation with its 2xx body (a schema
 * generated from shared's API types) and its error shape; the generated schemas are not stale;
 * and the API tests' client refuses an answer that does not match it.
 */
type Json = { [key: string]: any };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

describe('the API contract (OpenAPI document)', () => {
  let server: TestServer;
  let document: Json;
  const operations: { key: string; operation: Json }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const res = await fetch(`${server.baseUrl}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    document = (await res.json()) as Json;
    for (const [path, item] of Object.entries(document.paths as Json)) {
      for (const method of METHODS) if ((item as Json)[method]) operations.push({ key: `${method.toUpperCase()} ${path}`, operation: (item as Json)[method] });
    }
  });

  afterAll(async () => {
    await server?.destroy();
  });

  it('is a valid OpenAPI 3.0 document', async () => {
    expect(document.openapi).toMatch(/^3\.0\./);
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('describes every route of the API, the official-account callback and the WeChat Pay notifications, and nothing else (no health probes)', () => {
    const raw = SwaggerModule.createDocument(server.app, new DocumentBuilder().build());
    expect(describeOperations(raw).problems).toEqual([]);
    expect(Object.keys(document.paths).filter((p) => !p.startsWith('/api/v1/'))).toEqual(['/wechat/official-account', '/wechat/pay/notify']);
    expect(operations.length).toBeGreaterThanOrEqual(85);
  });

  it('gives every operation its 2xx answer: a schema, or declared bodiless or not JSON', () => {
    const missing: string[] = [];
    let withSchema = 0;
    for (const { key, operation } of operations) {
      const success = Object.entries(operation.responses as Json).filter(([code]) => code.startsWith('2'));
      // One success answer; a file that serves ranges also has its 206 (partial content).
      const codes = success.map(([code]) => code).join(',');
      if (success.length !== 1 && codes !== '200,206') missing.push(`${key}: ${success.length} 2xx responses`);
      for (const [code, response] of success) {
        const content = (response as Json).content as Json | undefined;
        if (!content) {
          if (code !== '204') missing.push(`${key}: ${code} without a body`);
          continue;
        }
        const json = content['application/json'];
        if (json && !json.schema?.$ref && !json.schema?.items?.$ref && !json.schema?.allOf?.[0]?.$ref) missing.push(`${key}: ${code} schema names no shared type`);
        if (json) withSchema++;
        // Not JSON: an image (binary) or the callback's text and XML (strings).
        else if (!Object.values(content).every((c) => (c as Json).schema?.type === 'string')) missing.push(`${key}: ${code} neither JSON nor a described string or file`);
      }
    }
    expect(missing).toEqual([]);
    console.log(`OpenAPI: ${operations.length} operations, ${withSchema} with a JSON response schema, ${operations.length - withSchema} bodiless or not JSON`);
  });

  it('documents the error shape (ErrorBody) on every operation, for 4xx and 5xx', () => {
    const bad: string[] = [];
    let withErrors = 0;
    for (const { key, operation } of operations) {
      // WeChat Pay's notifications are answered in WeChat's own shape ({code:'FAIL', message}), documented in payment-notify.doc.ts.
      if (key === 'POST /wechat/pay/notify') continue;
      // 416 (range not satisfiable) has no body, as HTTP answers it for files.
      const errors = Object.entries(operation.responses as Json).filter(([code]) => /^[45]/.test(code) && code !== '416');
      const ok = errors.every(([, r]) => (r as Json).content?.['application/json']?.schema?.$ref === '#/components/schemas/ErrorBody');
      if (!ok || !errors.some(([c]) => c.startsWith('4')) || !errors.some(([c]) => c.startsWith('5'))) bad.push(key);
      else withErrors++;
    }
    expect(bad).toEqual([]);
    expect(document.components.schemas.ErrorBody.required).toEqual(['statusCode', 'code', 'message']);
    console.log(`OpenAPI: ${withErrors} of ${operations.length} operations document their errors`);
  });

  it('types every query parameter (strings as strings, enums where the DTO has them)', () => {
    const untyped: string[] = [];
    for (const { key, operation } of operations) {
      for (const p of (operation.parameters ?? []) as Json[]) if (!p.schema?.type && !p.schema?.$ref) untyped.push(`${key} ${p.in} ${p.name}`);
    }
    expect(untyped).toEqual([]);
    const params = (key: string) => operations.find((o) => o.key === key)!.operation.parameters as Json[];
    expect(params('GET /api/v1/notices').find((p) => p.name === 'category')!.schema).toEqual({ type: 'string' });
    expect(params('GET /api/v1/staff/inquiries').find((p) => p.name === 'scope')!.schema.enum).toEqual(['open', 'all', 'reply_review']);
    expect(params('GET /api/v1/staff/pushes/{id}/deliveries').find((p) => p.name === 'status')!.schema.enum).toEqual(['queued', 'sending', 'sent', 'failed', 'skipped', 'cancelled']);
  });

  it('has schemas generated from the current shared types (run `npm run openapi:schemas -w @gongkai/server` when this fails)', () => {
    const started = Date.now();
    const fresh = formatApiSchemas(generateApiSchemas());
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(readFileSync(SCHEMAS_FILE, 'utf8')).toBe(fresh);
  });

  it('the client refuses an answer that does not match the document, and leaves undocumented paths alone', async () => {
    const contract = await contractOf(server.baseUrl);
    const json = 'application/json; charset=utf-8';
    expect(contract.check('GET', '/api/v1/auth/options', 200, json, '{"wechat":false,"demo":false}', { wechat: false, demo: false })).toBeNull();
    const missing = contract.check('GET', '/api/v1/auth/options', 200, json, '{"wechat":false}', { wechat: false });
    expect(missing).toEqual({ operation: 'GET /api/v1/auth/options', status: 200, errors: expect.stringContaining("must have required property 'demo'") });
    const extra = contract.check('GET', '/api/v1/auth/options', 200, json, '', { wechat: false, demo: false, secret: 1 });
    expect(extra?.errors).toContain('must NOT have additional properties');
    expect(contract.check('GET', '/api/v1/auth/options', 418, json, '', { statusCode: 418, code: 'NOT_FOUND', message: 'x' })).toBeNull();
    expect(contract.check('GET', '/api/v1/staff/notices/12', 404, json, '', { statusCode: 404, message: '不存在' })?.errors).toContain("must have required property 'code'");
    expect(contract.check('GET', '/api/v1/staff/inquiries/alerts', 200, json, '', {})?.operation).toBe('GET /api/v1/staff/inquiries/alerts');
    expect(contract.check('DELETE', '/api/v1/staff/notices/12', 204, null, 'oops', 'oops')?.errors).toContain('without a body');
    expect(contract.check('GET', '/health/live', 200, json, '', { anything: true })).toBeNull();

    // Through the client: a real answer passes; one that breaks the document throws with the operation, status and ajv's errors.
    const api = new ApiClient(server.baseUrl);
    expect((await api.get('/auth/options')).body).toEqual({ wechat: false, demo: false });
    expect((await api.get('/notices/999999')).status).toBe(404);
    const check = contract.check.bind(contract);
    contract.check = (...args) => check(args[0], args[1], args[2], args[3], args[4], { ...(args[5] as Json), unexpected: true });
    try {
      const error = await api.get('/auth/options').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractError);
      expect((error as ContractError).message).toContain('GET /api/v1/auth/options answered 200');
      expect((error as ContractError).message).toContain('must NOT have additional properties');
    } finally {
      contract.check = check;
    }
  });
});
