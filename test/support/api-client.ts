import { contractOf, ContractError } from '../contract/contract-check';

/**
 * A small HTTP client for black-box API tests: real requests over the loopback. Every answer to a
 * documented operation is checked against the server's OpenAPI document (its schema for the
 * method, path template and status); one that does not match throws ContractError, failing the
 * test that received it.
 */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
    /** Sees every response (e.g. to check that a secret never appears in any); kept by `as`. */
    readonly observe?: (response: ApiResponse) => void,
  ) {}

  as(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token, this.observe);
  }

  get<T = any>(path: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, undefined, headers);
  }

  post<T = any>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body, headers);
  }

  patch<T = any>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, body, headers);
  }

  put<T = any>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('PUT', path, body, headers);
  }

  delete<T = any>(path: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path, undefined, headers);
  }

  /** `body` as a string is sent raw (for malformed-JSON tests). */
  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.token) (init.headers as Record<string, string>).authorization = `Bearer ${this.token}`;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const fullPath = `${path.startsWith('/api') ? '' : '/api/v1'}${path}`;
    const res = await fetch(`${this.baseUrl}${fullPath}`, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    const response: ApiResponse<T> = { status: res.status, headers: res.headers, body: parsed as T, text };
    this.observe?.(response);
    const contract = await contractOf(this.baseUrl);
    const violation = contract.check(method.toUpperCase(), fullPath.split('?')[0]!, res.status, res.headers.get('content-type'), text, parsed);
    if (violation) throw new ContractError(violation);
    return response;
  }
}
