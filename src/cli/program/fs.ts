// `nomos fs`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import { FS_OPS } from '../../action/fs-request.js';
import type { FsOptions } from '../commands/fs.js';
import { addPolicyOptions } from './policy-options.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/fs.js');

export function makeFsCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return addPolicyOptions(new Command('fs'))
    .description(`Read, write and manage files through nomos, decided by the same rules as shell commands (${FS_OPS.join('|')})`)
    .argument('<op>', FS_OPS.join('|'))
    .argument('<path>', 'the file or directory (relative to cwd; ~ expands; symlinks resolved before deciding)')
    .argument('[target]', 'destination of copy and move (an existing directory receives the file inside it)')
    .option('--content <text>', 'content for write/append (default: read stdin)')
    .option('--json', 'list and stat: print JSON')
    .option('-r, --recursive', 'delete: remove a directory and everything in it')
    .option('-p, --parents', 'mkdir: create missing parent directories; no error if it exists')
    .option('--no-prompt', 'never prompt: an action that needs approval is denied')
    .action(async (op: string, path: string, target: string | undefined, options: FsOptions) => setExit(await (await run()).runFs([op, path, ...(target !== undefined ? [target] : [])], options, cli)));
}
