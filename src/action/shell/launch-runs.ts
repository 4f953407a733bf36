import { launchCommands } from '../programs/launch.js';
import { launchSpec } from '../programs/launch-table.js';
import type { ExecAction } from '../types.js';
import type { InnerRun } from './executors.js';
import type { WordValue } from './words.js';

/**
 * The commands an HPC scheduler, cluster shell or sandbox starts (programs/launch.ts): words run as a program,
 * shell strings run by a shell, each where it runs (a container's tree: relative paths unknown).
 */
export function launchRuns(action: ExecAction, words: WordValue[]): InnerRun[] {
  const launched = launchCommands(action.program, action.argv, (i) => words[i]?.dynamic ?? false);
  if (!launched) return [];
  const variables = launchSpec(action.program)?.opaqueVariables;
  const variable = variables && Object.keys(action.env).find((name) => variables.test(name));
  if (variable) return [{ via: action.program, opaque: `${action.program} reads ${variable} as an option that runs, mounts or loads what nomos does not see` }];
  const hostVariables = launchSpec(action.program)?.hostVariables;
  const hostFile = hostVariables && Object.keys(action.env).find((name) => hostVariables.test(name));
  if (hostFile) launched.runs.push({ via: action.program, opaque: `${action.program} reaches the hosts ${hostFile} lists, which nomos does not read` });
  return launched.runs.map((run): InnerRun => {
    if (run.opaque !== undefined) return { via: run.via, opaque: run.opaque };
    const where = run.elsewhere ? { unknownCwd: true } : {};
    if (run.shell) return { via: run.via, shell: { value: run.shell.value, dynamic: run.shell.from.some((i) => words[i]?.dynamic ?? true) }, ...where };
    // The program a word names (`--command=rm`, sbatch's `job.sh` as `./job.sh`): known when its word is.
    const first = run.first ? [{ value: run.first.value, dynamic: words[run.first.index]?.dynamic ?? true }] : [];
    return { via: run.via, words: [...first, ...words.slice(run.start, run.end)], ...where };
  });
}
