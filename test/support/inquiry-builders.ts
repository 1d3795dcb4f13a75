import { deflateSync } from 'node:zlib';
import type { CreateInquiryRequest, ParentInquiryView } from '@gongkai/shared';
import type { ApiClient, ApiResponse } from './api-client';

/**
 * A valid inquiry body with `fields` over it. Fields of the request keep their types; a test of
 * validation may also send values the API refuses (`{ kind: 'praise' }`, `{ extra: 1 }`).
 */
export function anInquiry<F extends Record<string, unknown> = Record<never, never>>(fields: F = {} as F): Omit<CreateInquiryRequest, keyof F> & F {
  const base: CreateInquiryRequest = { kind: 'consultation', subject: '入学咨询', content: '请问小学一年级什么时候报名？', allowPublish: false };
  return { ...base, ...fields };
}

/** Submits a valid inquiry and expects 201; returns the parent's view. */
export async function submitted(parent: ApiClient, fields: Partial<CreateInquiryRequest> = {}): Promise<ParentInquiryView> {
  const res = await parent.post('/inquiries', anInquiry(fields));
  if (res.status !== 201) throw new Error(`inquiry: ${res.status} ${res.text}`);
  return res.body as ParentInquiryView;
}

/** Uploads one file as Taro.uploadFile does: multipart/form-data with the field `file`. */
export async function upload(client: ApiClient, bytes: Buffer, filename: string, type: string, field = 'file'): Promise<ApiResponse> {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), filename);
  const headers: Record<string, string> = client.token ? { authorization: `Bearer ${client.token}` } : {};
  const res = await fetch(`${client.baseUrl}/api/v1/inquiries/photos`, { method: 'POST', body: form, headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** Fetches a photo as `client` (bytes, not JSON). */
export async function download(client: ApiClient, url: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const headers: Record<string, string> = client.token ? { authorization: `Bearer ${client.token}` } : {};
  const res = await fetch(`${client.baseUrl}${url}`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real PNG of `width` × `height` red pixels (optionally padded with an ancillary chunk to `padTo` bytes). */
export function png(width = 2, height = 2, padTo = 0): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0)]).fill(0xff, 1, 2)));
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows))];
  const size = parts.reduce((n, p) => n + p.length, 0) + 12;
  if (padTo > size + 12) parts.push(chunk('teXt', Buffer.alloc(padTo - size - 12, 0x61)));
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}
