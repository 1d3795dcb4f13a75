import type { INestApplicationContext } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ZONING_LIMITS, ZONING_STAGE_LABELS, ZONING_YEAR_MAX, ZONING_YEAR_MIN, type ErrorDetail, type ZoningImportResult } from '@gongkai/shared';
import { ApiError } from '../../common/errors/api-error';
import { ZoningTablesService } from '../tables/zoning-tables.service';
import { parseZoningUpload, type ZoningUpload } from './zoning-workbook';

export const ZONING_USAGE = `  zoning import --year YYYY --file F.xlsx|F.csv [--schools S.csv] [--aliases A.csv] [--publish [--notice ID]]
                                  import a school year's zoning table (学区划分) from the bureau's
                                  spreadsheet; a CSV carries the rules, its schools come from --schools
                                  or the latest earlier table; a bad file is reported row by row and
                                  nothing is stored (exit 65); the table is a draft to attach to the
                                  year's 划片 notice, or with --publish (first set-up only, audited) in
                                  effect at once, belonging to the published notice ID`;

/** Moves printed after the summary; the staff pages list up to 500. */
const MOVES_PRINTED = 20;

/**
 * `zoning import`: reads and checks the file here, then stores it through ZoningTablesService in
 * a command context (see command-context.ts: no periodic work, no HTTP). Exit codes: 0 imported,
 * 1 the service refused (e.g. --publish when the year already has a table in effect), 64 bad
 * arguments, 65 the file has problems (nothing stored), 66 a file cannot be read.
 */
export async function zoningCommand(args: string[], boot: () => Promise<INestApplicationContext>, usage: string): Promise<number> {
  const parsed = parseArgs(args);
  if (!parsed) {
    console.error(usage);
    return 64;
  }
  const upload: ZoningUpload = { file: { name: '', bytes: Buffer.alloc(0) } };
  for (const [key, path] of [['file', parsed.file], ['schoolsFile', parsed.schools], ['aliasesFile', parsed.aliases]] as const) {
    if (!path) continue;
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      console.error(`cannot read ${path}: no such file`);
      return 66;
    }
    // Refused before reading: the same cap as the upload route.
    if (size > ZONING_LIMITS.fileBytes) {
      console.error(report(path, [{ field: 'file', message: `“${basename(path)}”超过 ${ZONING_LIMITS.fileBytes / 1024 / 1024} MB 的上限` }]));
      return 65;
    }
    upload[key] = { name: basename(path), bytes: readFileSync(path) };
  }

  const context = await boot();
  const progress = createProgress(process.stderr);
  try {
    const tables = context.get(ZoningTablesService);
    const known = await tables.knownSchools(parsed.year);
    const outcome = await parseZoningUpload(upload, known, progress.update);
    progress.stop();
    if (!outcome.ok) {
      console.error(report(upload.file.name, outcome.issues));
      return 65;
    }
    const result = await tables.importTable({ command: 'zoning import' }, parsed.year, outcome.data, upload.file.name, {
      publishForSetup: parsed.publish,
      noticeId: parsed.notice,
    });
    console.log(formatImport(parsed.year, upload.file.name, outcome.data.aliases.length, result));
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof ApiError) {
      console.error([error.message, ...(error.details ?? []).map((d) => `  ${d.field}: ${d.message}`)].join('\n'));
      return 1;
    }
    throw error;
  } finally {
    await context.close();
  }
}

interface ZoningArgs {
  year: number;
  file: string;
  schools?: string;
  aliases?: string;
  publish: boolean;
  notice?: number;
}

function parseArgs(args: string[]): ZoningArgs | null {
  const [sub, ...rest] = args;
  if (sub !== 'import') return null;
  const values = new Map<string, string>();
  let publish = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--publish') {
      publish = true;
      continue;
    }
    const name = /^--(year|file|schools|aliases|notice)$/.exec(arg)?.[1];
    const value = rest[i + 1];
    if (!name || values.has(name) || value === undefined || value.startsWith('--')) return null;
    values.set(name, value);
    i += 1;
  }
  const year = Number(values.get('year'));
  const notice = values.has('notice') ? Number(values.get('notice')) : undefined;
  if (!/^\d{4}$/.test(values.get('year') ?? '') || year < ZONING_YEAR_MIN || year > ZONING_YEAR_MAX) return null;
  if (!values.get('file')) return null;
  if (notice !== undefined && (!publish || !/^[1-9]\d{0,9}$/.test(values.get('notice')!) || notice > 2 ** 31 - 1)) return null;
  return { year, file: values.get('file')!, schools: values.get('schools'), aliases: values.get('aliases'), publish, notice };
}

/** The validation report: one problem per line, with sheet, row and column. */
export function report(file: string, issues: readonly ErrorDetail[]): string {
  const lines = issues.map((i) => {
    const at = [i.sheet, i.row !== undefined ? `第 ${i.row} 行` : null, i.column ? `“${i.column}”列` : null].filter(Boolean).join(' · ');
    return `  ${at ? `${at}：` : ''}${i.message}`;
  });
  return [`${file}: ${issues.length} problem(s), nothing imported`, ...lines].join('\n');
}

export function formatImport(year: number, file: string, aliases: number, result: ZoningImportResult): string {
  const { table, diff } = result;
  const state = table.state === 'published' ? `published${table.publishedBySetup ? ' (set-up)' : ''}` : table.state;
  const lines = [
    `zoning import ${year}: table ${table.id} ${state}, ${table.ruleCount} rule(s), ${table.schoolCount} school(s), ${aliases} alias(es) from ${file}`,
    table.notice ? `  notice ${table.notice.id} ${table.notice.title}` : null,
    table.state === 'draft' ? '  a draft: attach it to the year\'s 划片 notice in the staff pages and send the notice through review' : null,
    diff.from ? `compared with ${diff.from.year} (table ${diff.from.tableId}):` : 'no earlier year in effect to compare with',
  ];
  if (diff.from) {
    lines.push(
      `  rules added ${diff.rulesAdded} · removed ${diff.rulesRemoved} · unchanged ${diff.rulesUnchanged}`,
      `  schools added: ${diff.schoolsAdded.join('、') || 'none'}`,
      `  schools removed: ${diff.schoolsRemoved.join('、') || 'none'}`,
      `  moves: ${diff.movesTotal}`,
      ...diff.moves.slice(0, MOVES_PRINTED).map((m) => `    ${ZONING_STAGE_LABELS[m.stage]} ${m.place}: ${m.fromSchool ?? '—'} → ${m.toSchool ?? '—'}`),
    );
    if (diff.movesTotal > MOVES_PRINTED) lines.push(`    … and ${diff.movesTotal - MOVES_PRINTED} more (see the staff pages)`);
  }
  return lines.filter((l) => l !== null).join('\n');
}

/** A bar on a terminal; elsewhere (logs, CI, a parent process) a plain line per tenth of the rows. */
function createProgress(out: NodeJS.WriteStream): { update: (done: number, total: number) => void; stop(): void } {
  if (out.isTTY) {
    const bar = new SingleBar({ format: 'checking rows [{bar}] {value}/{total}', stream: out, hideCursor: true, clearOnComplete: false });
    let active = false;
    return {
      update: (done, total) => {
        if (!active) {
          bar.start(total, done);
          active = true;
        } else bar.update(done);
      },
      stop: () => {
        if (active) bar.stop();
        active = false;
      },
    };
  }
  let next = 0;
  return {
    update: (done, total) => {
      if (total < 2000 || (done < next && done !== total)) return;
      out.write(`checked ${done}/${total} rows\n`);
      next = done + Math.ceil(total / 10);
    },
    stop: () => undefined,
  };
}
