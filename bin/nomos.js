#!/usr/bin/env node
'use strict';
// The calls an agent makes on every action (check, exec, hook) run from dist/hot.cjs, compiled
// with V8's code cache (dist/hot.cjs.<command>.cache, written by the build); every other
// command, and any command line the hot path does not claim, loads the full CLI.
// Start-up is nomos's latency: see README "Development" and `npm run bench`.
if (typeof process.getBuiltinModule !== 'function') {
  process.stderr.write(`nomos: needs Node.js 20.16 or later (this is ${process.version})\n`);
  process.exitCode = 70;
} else {
  const command = process.argv[2];
  const hot = command === 'check' || command === 'exec' || command === 'hook' ? require('../dist/launch.cjs').loadHot(command) : undefined;
  const call = hot && hot.hotArgs(process.argv.slice(2));
  if (call) hot.runHot(call).then((code) => (process.exitCode = code));
  else import('../dist/cli.js');
}
