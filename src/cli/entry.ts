import { main } from './main.js';

// The bundle's entry: run, then let Node exit on its own with the code (handlers never call process.exit).
process.exitCode = await main(process.argv.slice(2));
