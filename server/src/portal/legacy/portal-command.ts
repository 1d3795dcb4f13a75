import type { INestApplicationContext } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import type { LegacyRunItemState } from './entities/legacy-import-run-item.entity';
import { LegacyImporter, ListFailed, type ImportProgress, type ImportSummary } from './legacy-importer.service';
import { SourcesFileError } from './legacy-sources';

export const PORTAL_USAGE = `  portal import --source NAME [--restart]
                                  import a legacy column of the old site or the county portal, as
                                  configured in PORTAL_SOURCES_FILE (see README, "Legacy import");
                                  a run stopped midway resumes when started again; --restart starts over`;

type Done = Exclude<LegacyRunItemState, 'pending'>;

/**
 * `portal import`: runs the importer in a command context (see command-context.ts: no periodic
 * work, no HTTP) and prints a summary. Exit codes: 0 the run finished (failed pages are listed
 * in the summary), 64 bad arguments, 75 the list could not be read (the run stays open: run the
 * command again to resume), 78 the sources file or a code in it is wrong.
 */
export async function portalCommand(args: string[], boot: () => Promise<INestApplicationContext>, usage: string): Promise<number> {
  const [sub, ...rest] = args;
  const source = valueOf(rest, 'source');
  const unknown = rest.filter((a, i) => !['--source', '--restart'].includes(a) && rest[i - 1] !== '--source');
  if (sub !== 'import' || !source || unknown.length) {
    console.error(usage);
    return 64;
  }
  const context = await boot();
  const progress = createProgress(process.stderr);
  try {
    const summary = await context.get(LegacyImporter).run(source, { restart: rest.includes('--restart') }, progress);
    progress.stop();
    console.log(formatSummary(summary));
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof SourcesFileError) {
      console.error(error.message);
      return 78;
    }
    if (error instanceof ListFailed) {
      console.error(`${error.message}\nthe run stays open: run the same command again to resume it (--restart to start over)`);
      return 75;
    }
    throw error;
  } finally {
    await context.close();
  }
}

function valueOf(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? args[i + 1] : undefined;
  return value && !value.startsWith('--') ? value : undefined;
}

export function formatSummary(s: ImportSummary): string {
  const total = s.counts.new + s.counts.updated + s.counts.unchanged + s.counts.failed;
  const lines = [
    `portal import ${s.source}: run ${s.runId}${s.resumed ? ' (resumed)' : ''} finished in ${(s.ms / 1000).toFixed(1)} s`,
    `  ${s.listPages} list page(s), ${total} item page(s)`,
    `  new ${s.counts.new} · updated ${s.counts.updated} · unchanged ${s.counts.unchanged} · failed ${s.counts.failed}`,
  ];
  const failed = s.messages.filter((m) => m.state === 'failed');
  const notes = s.messages.filter((m) => m.state !== 'failed');
  if (failed.length) lines.push('  failed:', ...failed.map((m) => `    ${m.url}: ${m.message}`));
  if (notes.length) lines.push('  notes:', ...notes.map((m) => `    ${m.url}: ${m.message}`));
  if (failed.length < s.counts.failed) lines.push(`    … and ${s.counts.failed - failed.length} more`);
  return lines.join('\n');
}

/** A bar on a terminal; elsewhere (logs, CI, a parent process) a plain line per twentieth of the pages. */
function createProgress(out: NodeJS.WriteStream): ImportProgress & { stop(): void } {
  const counts: Record<Done, number> = { new: 0, updated: 0, unchanged: 0, failed: 0 };
  const tally = () => `new ${counts.new}, updated ${counts.updated}, unchanged ${counts.unchanged}, failed ${counts.failed}`;
  let total = 0;
  let done = 0;
  if (out.isTTY) {
    const bar = new SingleBar({ format: '{phase} [{bar}] {value}/{total} | {tally}', stream: out, hideCursor: true, clearOnComplete: false });
    let active = false;
    return {
      listed: (pages, items) => out.write(`\rlisted ${pages} page(s), ${items} item(s)   `),
      items: (t, d) => {
        out.write('\n');
        total = t;
        done = d;
        bar.start(total, done, { phase: 'importing', tally: tally() });
        active = true;
      },
      item: (state) => {
        counts[state] += 1;
        bar.increment(1, { tally: tally() });
      },
      stop: () => {
        if (active) bar.stop();
        active = false;
      },
    };
  }
  let step = 1;
  return {
    listed: (pages, items) => {
      if (pages === 1 || pages % 10 === 0) out.write(`listed ${pages} page(s), ${items} item(s)\n`);
    },
    items: (t, d) => {
      total = t;
      done = d;
      step = Math.max(1, Math.ceil(total / 20));
      out.write(`importing ${total} item(s)${done ? `, ${done} done before` : ''}\n`);
    },
    item: (state) => {
      counts[state] += 1;
      done += 1;
      if (done % step === 0 || done === total) out.write(`imported ${done}/${total} (${tally()})\n`);
    },
    stop: () => undefined,
  };
}
