import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { toJsonSchema } from '../../server/src/openapi/json-schema-to-openapi';

/**
 * Checks an API answer against the running server's OpenAPI document (/api/docs/openapi.json):
 * the schema of its method, path template and status. Loaded once per server (and test file),
 * validators compiled on first use.
 */
type Json = { [key: string]: any };

export interface ContractViolation {
  operation: string;
  status: number;
  errors: string;
}

const DOCUMENT_ID = 'openapi';

interface Operation {
  key: string;
  pattern: RegExp;
  params: number;
  method: string;
  responses: Json;
}

class Contract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: toJsonSchema(document.components ?? {}, DOCUMENT_ID) });
    for (const [path, item] of Object.entries(document.paths as Json)) {
      for (const [method, operation] of Object.entries(item as Json)) {
        if (!operation?.responses) continue;
        const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`);
        this.operations.push({ key: `${method.toUpperCase()} ${path}`, pattern, params: (path.match(/\{/g) ?? []).length, method: method.toUpperCase(), responses: operation.responses });
      }
    }
    // A literal segment wins over a template (`/staff/inquiries/alerts` before `/staff/inquiries/{id}`).
    this.operations.sort((a, b) => a.params - b.params);
  }

  check(method: string, path: string, status: number, contentType: string | null, text: string, body: unknown): ContractViolation | null {
    const operation = this.operations.find((o) => o.method === method && o.pattern.test(path));
    if (!operation) return null; // not part of the documented API (health, static files, the docs)
    const code = [String(status), `${String(status)[0]}XX`, 'default'].find((c) => operation.responses[c]);
    const fail = (errors: string) => ({ operation: operation.key, status, errors });
    if (!code) return fail(`status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`);
    const content = operation.responses[code].content as Json | undefined;
    if (!content) return text === '' ? null : fail(`documented without a body, answered ${JSON.stringify(text.slice(0, 200))}`);
    const schema = content['application/json']?.schema;
    if (!schema) return null; // an image, a file: not JSON
    if (!contentType?.includes('application/json')) return fail(`documented as JSON, answered ${contentType ?? 'no content type'}: ${JSON.stringify(text.slice(0, 200))}`);
    const id = `${operation.key} ${code}`;
    let validate = this.validators.get(id);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema, DOCUMENT_ID) as Json);
      this.validators.set(id, validate);
    }
    if (validate(body)) return null;
    return fail(this.ajv.errorsText(validate.errors, { separator: '\n', dataVar: 'body' }));
  }
}

const contracts = new Map<string, Promise<Contract>>();

/** The contract of the server at `baseUrl`, fetched from it once. */
export function contractOf(baseUrl: string): Promise<Contract> {
  let contract = contracts.get(baseUrl);
  if (!contract) {
    contract = fetch(`${baseUrl}/api/docs/openapi.json`).then(async (res) => {
      if (!res.ok) throw new Error(`contract check: GET ${baseUrl}/api/docs/openapi.json answered ${res.status}`);
      return new Contract((await res.json()) as Json);
    });
    contract.catch(() => contracts.delete(baseUrl));
    contracts.set(baseUrl, contract);
  }
  return contract;
}

export class ContractError extends Error {
  constructor(readonly violation: ContractViolation) {
    super(`API contract: ${violation.operation} answered ${violation.status}, which does not match the OpenAPI document:\n${violation.errors}`);
  }
}
