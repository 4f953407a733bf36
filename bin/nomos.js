#!/usr/bin/env node
'use strict';
// The calls an agent makes on every action (check, exec, hook) run from dist/hot.cjs, compiled
// with V8's code cache (dist/hot.cjs.cache, written by the build); every other command loads
// the full CLI. Start-up is nomos's latency: see DESIGN.md and `npm run bench`.
const hot = require('../dist/launch.cjs').loadHot();
const call = hot.hotArgs(process.argv.slice(2));
if (call) hot.runHot(call).then((code) => (process.exitCode = code));
else import('../dist/cli.js');
