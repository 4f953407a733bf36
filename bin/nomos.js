#!/usr/bin/env node
'use strict';
// The calls an agent makes on every action (check, exec, hook) run from dist/hot.cjs, compiled
// with V8's code cache (dist/hot.cjs.<command>.cache, written by the build); every other
// command, and any command line the hot path does not claim, loads the full CLI. These three
// are first offered to the daemon's client (dist/client.cjs): see docs/daemon.md.
// Start-up is nomos's latency: see README "Development" and `npm run bench`.
const command = process.argv[2];
// An agent's hook runs the tool on any exit but 2 ("block"): if nomos cannot start, a hook call blocks.
const cannotStart = (message) => {
  process.stderr.write(`nomos: ${message}\n`);
  process.exitCode = command === 'hook' ? 2 : 70;
};
if (typeof process.getBuiltinModule !== 'function') {
  cannotStart(`needs Node.js 20.16 or later (this is ${process.version})`);
} else if (!hasWorkingDirectory()) {
  cannotStart('the directory it was started in no longer exists; run it from one that does');
} else {
  // A hook's decision is its stdout: one that could not be delivered (the reader has gone) blocks.
  if (command === 'hook') process.once('exit', blockIfStdoutLost);
  const argv = process.argv.slice(2);
  // Decides in this process; `stdin` is a hook's input when the daemon's client has read it.
  const local = (stdin) => {
    let hot;
    try {
      hot = command === 'check' || command === 'exec' || command === 'hook' ? require('../dist/launch.cjs').loadHot(command) : undefined;
    } catch (error) {
      cannotStart(`cannot load its code (${error.message}); reinstall nomos`);
    }
    const call = hot && hot.hotArgs(argv);
    if (call) hot.runHot(call, undefined, stdin).then(answered);
    else if (process.exitCode === undefined) import('../dist/cli.js');
  };
  // check, exec and hook go to the daemon when one of this build runs (nomos daemon start; docs/daemon.md).
  // Its client is loaded only when a socket may be there: a call with no daemon pays one lstat.
  let client;
  if ((command === 'check' || command === 'exec' || command === 'hook') && daemonMayRun(process.env)) {
    try {
      client = require('../dist/client.cjs');
    } catch (error) {
      cannotStart(`cannot load its code (${error.message}); reinstall nomos`);
    }
  }
  if (client) client.viaDaemon(argv, require('node:path').join(__dirname, '..', 'dist')).then((r) => (r.code !== undefined ? (process.exitCode = r.code) : local(r.stdin)), () => local());
  else if (process.exitCode === undefined) local();
}

/**
 * A hot call is answered (output written, records made): exit now. V8 may have queued a
 * scavenge for when the event loop idles (2-4 ms, measured with --trace-gc) that would run
 * before a natural exit. 'exit' handlers still run. Output that went to a stream (a
 * non-blocking descriptor said EAGAIN: src/cli/process-io.ts) is left to drain first: Node
 * writes a pipe synchronously on Linux, not on macOS.
 */
function answered(code) {
  if (process[Symbol.for('nomos.outputOnStream')]) process.exitCode = code;
  else process.exit(code);
}

/**
 * Exit 2 ("block") for a hook whose answer did not reach its reader (src/cli/process-io.ts
 * STDOUT_LOST): exit 0 without the answer is "go ahead" to both agents, whatever it said.
 */
function blockIfStdoutLost() {
  if (!process[Symbol.for('nomos.stdoutLost')]) return;
  try {
    require('node:fs').writeSync(2, 'nomos: blocked: the decision could not be written (stdout is closed)\n');
  } catch {
    // stderr is gone too: the exit code still blocks
  }
  process.exitCode = 2;
}

/** Whether the working directory is still there (every relative path, and the rules of its project, start from it). */
function hasWorkingDirectory() {
  try {
    process.cwd();
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the daemon's client should look: NOMOS_DAEMON=auto, or something at the socket's
 * place (src/daemon/protocol.ts socketPath, which the client then checks properly; a wrong
 * guess here only costs speed: test/e2e/daemon.test.ts holds the two to the same path).
 */
function daemonMayRun(env) {
  if (env.NOMOS_DAEMON === 'off') return false;
  if (env.NOMOS_DAEMON === 'auto') return true;
  const tmp = (env.TMPDIR || env.TMP || env.TEMP || '/tmp').replace(/(.)\/$/, '$1');
  try {
    require('node:fs').lstatSync(`${env.NOMOS_STATE_DIR || `${tmp}/nomos-${process.getuid?.() ?? 'user'}`}/daemon.sock`);
    return true;
  } catch {
    return false;
  }
}
