import { Injectable } from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';
import { Db } from '../../database/db';
import { writeZoningWorkbook, zoningTemplate } from '../import/zoning-workbook';
import { XLSX_TYPE, attachmentName } from './zoning-edits.service';
import { ZoningTablesRepository } from './zoning-tables.repository';
import { TABLE_NOT_FOUND } from './zoning-tables.service';

/** The template's file name as staff save it. */
export const TEMPLATE_NAME = '义务教育学校划片范围导入模板.xlsx';

/** The workbooks staff download: the import template, and a table written back in its format. */
@Injectable()
export class ZoningFilesService {
  constructor(
    private readonly db: Db,
    private readonly repo: ZoningTablesRepository,
  ) {}

  async template(reply: FastifyReply): Promise<void> {
    await send(reply, await zoningTemplate(), TEMPLATE_NAME);
  }

  async export(id: number, reply: FastifyReply): Promise<void> {
    await this.db.settled();
    const table = await this.repo.table(id);
    if (!table) throw TABLE_NOT_FOUND();
    await send(reply, await writeZoningWorkbook(await this.repo.data(id), table.year), attachmentName(table.year));
  }
}

/** An XLSX download with its Chinese name (RFC 6266 with RFC 8187's filename*, an ASCII fallback beside it). */
async function send(reply: FastifyReply, bytes: Buffer, name: string): Promise<void> {
  await reply
    .code(200)
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', contentDisposition(name, { type: 'attachment' }))
    .header('cache-control', 'private, no-store')
    .header('content-length', String(bytes.length))
    .send(bytes);
}
