// The hot path's bundle (dist/hot.cjs): the commands an agent calls on every action
// (`check`, `exec`, `hook`), without commander, in one CommonJS file that bin/nomos.js
// compiles with V8's code cache. It runs the same command implementations as the full CLI.
import { runCheck } from '../commands/check.js';
import { runExec } from '../commands/exec.js';
import { HOOK_BLOCK, readStdin, runHook } from '../commands/hook.js';
import { processEnv, type CliEnv } from '../context.js';
import { setCaller, type Caller } from '../../caller.js';
import type { RemoteExec } from '../../daemon/remote-exec.js';
import { reportError } from '../report-error.js';
import type { HotCall } from './args.js';

export { hotArgs, type HotCall } from './args.js';
export { remoteExec } from '../../daemon/remote-exec.js';
export { setCaller } from '../../caller.js';

/**
 * Runs a hot call; like main(), the one place its errors become an exit code. A hook's
 * input is read from stdin unless the caller has read it already (`stdin`: the daemon, its client);
 * `from` names the client process the daemon answers for, `remote` runs its exec's command there.
 */
export async function runHot(call: HotCall, cli: CliEnv = processEnv(), stdin?: string, from?: Caller, remote?: RemoteExec): Promise<number> {
  if (from) setCaller(from);
  try {
    if (call.command === 'check') return await runCheck(call.words, call.options, cli);
    if (call.command === 'exec') return await runExec(call.words, call.options, cli, remote);
    return await runHook(call.agent, stdin ?? (await readStdin()), call.options, cli);
  } catch (error) {
    const code = reportError(error, cli);
    // An agent's hook runs the tool on any exit but 2 ("block"): a hook that fails must block.
    return call.command === 'hook' ? HOOK_BLOCK : code;
  }
}
