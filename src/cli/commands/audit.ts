import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Paint } from '../../audit/format.js';
import { auditLogPath } from '../../config/paths.js';
import { ExitCode } from '../../errors.js';
import { visible } from '../../visible.js';
import type { CliEnv } from '../context.js';

export interface TailOptions {
  lines: string;
  follow?: boolean;
  session?: string;
  decision?: string;
  rule?: string;
  since?: string;
  json?: boolean;
}

/** `nomos audit tail`: the newest events, one line each (raw JSONL with --json); `-f` keeps following. */
export async function runAuditTail(options: TailOptions, cli: CliEnv, signal?: AbortSignal): Promise<number> {
  const [{ makeFilter, parseDecisions, parseTimeArg }, { readRecent }, { formatEventLine }] = await Promise.all([
    import('../../audit/filter.js'), import('../../audit/read.js'), import('../../audit/format.js'),
  ]);
  const keep = makeFilter({
    ...(options.session ? { session: options.session } : {}), ...(options.decision ? { decisions: parseDecisions(options.decision) } : {}),
    ...(options.rule ? { rule: options.rule } : {}), ...(options.since ? { since: parseTimeArg(options.since) } : {}),
  });
  const path = auditLogPath(cli.env);
  const paint = await makePaint(cli);
  // A terminal's lines are cut to its width (read again for each line: it may be resized while
  // following); a pipe gets them whole.
  const width = () => (process.stdout.isTTY ? process.stdout.columns || 80 : Infinity);
  let printed = 0; // the newest seq printed: a line read twice (listed, then followed) is printed once
  const print = (line: string, event: Parameters<typeof keep>[0]) => {
    if (event.seq <= printed) return;
    printed = event.seq;
    cli.stdout(`${options.json ? line : formatEventLine(event, paint, width())}\n`);
  };
  const start = sizeOf(path);
  for (const { event, line } of readRecent(path, keep, Number(options.lines))) print(line, event);
  if (!options.follow) return ExitCode.ok;
  const { followLog } = await import('../../audit/follow.js');
  const { parseLines } = await import('../../audit/read.js');
  await followLog(path, (line) => parseLines(line).filter((s) => keep(s.event)).forEach((s) => print(s.line, s.event)), {
    signal: signal ?? stopOnSignals(), from: start, intervalMs: 150,
  });
  return ExitCode.ok;
}

export interface VerifyCommandOptions {
  keyFile?: string;
  head: boolean;
  json?: boolean;
}

/** `nomos audit verify`: exit 0 when every seal and link holds, 1 with the first broken line otherwise. */
export async function runAuditVerify(files: string[], options: VerifyCommandOptions, cli: CliEnv): Promise<number> {
  const [{ verifyLog }, { readKey }] = await Promise.all([import('../../audit/query.js'), import('../../audit/settings.js')]);
  const keyFile = options.keyFile ?? cli.env.NOMOS_AUDIT_KEY_FILE;
  const result = verifyLog(auditLogPath(cli.env), files.map((f) => resolve(cli.cwd, f)), { head: options.head, ...(keyFile ? { key: readKey(keyFile) } : {}) });
  const paint = await makePaint(cli);
  if (options.json) cli.stdout(`${JSON.stringify(result)}\n`);
  else if (result.problem) {
    const p = result.problem;
    // The file is the log's or one given; the message may quote what a line holds: escaped.
    cli.stdout(`${paint.red('✗ broken')} ${visible(p.file)}:${p.line}: ${paint.bold(p.kind)}: line ${p.line} ${visible(p.message)}\n`);
    cli.stdout(paint.dim(`  ${result.events} event(s) before it verified\n`));
  } else cli.stdout(`${paint.green('✓ intact')}: ${result.events} event(s) in ${result.files.length} file(s)${result.last ? `, last seq ${result.last.seq}` : ''}\n`);
  if (!options.json) for (const note of result.notes) cli.stdout(paint.dim(`  note: ${visible(note)}\n`));
  return result.ok ? ExitCode.ok : ExitCode.findings;
}

/** `nomos audit show ID`: one decision with its outcome. */
export async function runAuditShow(id: string, options: { json?: boolean }, cli: CliEnv): Promise<number> {
  const [{ findDecision }, { formatShow }] = await Promise.all([import('../../audit/query.js'), import('../../audit/format.js')]);
  const found = findDecision(auditLogPath(cli.env), id);
  if (!found || found === 'ambiguous') {
    cli.stderr(`nomos: ${visible(found ? `"${id}" matches several decisions: give more of the id` : `no decision with id "${id}" in the audit log`)} (see nomos audit tail)\n`);
    return ExitCode.findings;
  }
  cli.stdout(options.json ? `${JSON.stringify(found)}\n` : formatShow(found.decision, found.outcome, await makePaint(cli)));
  return ExitCode.ok;
}

/** `nomos audit export`: events for a SIEM, as stored (jsonl), as CSV or as CEF. */
export async function runAuditExport(options: { format: 'jsonl' | 'csv' | 'cef'; since?: string; until?: string }, cli: CliEnv): Promise<number> {
  const [{ makeFilter, parseTimeArg }, { readRecent }, { exportHeader, exportLine }] = await Promise.all([
    import('../../audit/filter.js'), import('../../audit/read.js'), import('../../audit/export.js'),
  ]);
  const keep = makeFilter({ ...(options.since ? { since: parseTimeArg(options.since) } : {}), ...(options.until ? { until: parseTimeArg(options.until) } : {}) });
  const header = exportHeader(options.format);
  const lines = readRecent(auditLogPath(cli.env), keep).map((s) => exportLine(s, options.format));
  cli.stdout([...(header ? [header] : []), ...lines].map((l) => `${l}\n`).join(''));
  return ExitCode.ok;
}

/** `nomos audit` and its subcommands. */

async function makePaint(cli: CliEnv): Promise<Paint> {
  const { Chalk } = await import('chalk');
  const colour = cli.env.FORCE_COLOR ? true : !cli.env.NO_COLOR && process.stdout.isTTY === true;
  return new Chalk({ level: colour ? 1 : 0 });
}


function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function stopOnSignals(): AbortSignal {
  const controller = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => controller.abort());
  return controller.signal;
}
