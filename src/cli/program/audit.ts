// `nomos audit`: the commander definition; the implementation is imported when the command runs.
import { Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import type { TailOptions, VerifyCommandOptions } from '../commands/audit.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/audit.js');

export function makeAuditCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  const audit = new Command('audit').description('Read and check the tamper-evident audit log');
  audit.command('tail').description('Print the newest events, one line each (-f: keep following)')
    .option('-n, --lines <n>', 'how many events', positiveInteger, '10').option('-f, --follow', 'keep printing new events, across rotation')
    .option('--session <id>', 'only this session').option('--decision <list>', 'only these decisions, e.g. deny,ask')
    .option('--rule <id>', 'only decisions this rule took part in').option('--since <time>', 'only newer events: 30m, 1h, 2d or an ISO time')
    .option('--json', 'raw JSONL as stored')
    .action(async (options: TailOptions) => setExit(await (await run()).runAuditTail(options, cli)));
  audit.command('verify').description('Check every seal and link of the log (exit 0 intact, 1 broken)')
    .argument('[files...]', 'files to check as one chain, oldest first (default: the whole log)')
    .option('--key-file <path>', 'HMAC key (default: $NOMOS_AUDIT_KEY_FILE)').option('--no-head', 'do not compare the end with the head record')
    .option('--json', 'print the result as one JSON object')
    .action(async (files: string[], options: VerifyCommandOptions) => setExit(await (await run()).runAuditVerify(files, options, cli)));
  audit.command('show').description('Print one decision with its outcome').argument('<id>', 'decision id, or a unique prefix of 8+ characters')
    .option('--json', 'print {decision, outcome} as JSON')
    .action(async (id: string, options: { json?: boolean }) => setExit(await (await run()).runAuditShow(id, options, cli)));
  audit.command('export').description('Write events for a SIEM')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'csv', 'cef']).default('jsonl'))
    .option('--since <time>', 'only events at or after: 30m, 1h, 2d or an ISO time').option('--until <time>', 'only events at or before')
    .action(async (options: { format: 'jsonl' | 'csv' | 'cef'; since?: string; until?: string }) => setExit(await (await run()).runAuditExport(options, cli)));
  for (const sub of audit.commands) sub.exitOverride();
  return audit;
}

function positiveInteger(text: string): string {
  if (!/^\d+$/.test(text)) throw new UsageError(`invalid count "${text}": give a whole number, e.g. -n 20`);
  return text;
}
