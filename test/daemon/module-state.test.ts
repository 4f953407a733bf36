import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The daemon (src/daemon/server.ts) runs dist/hot.cjs once and answers every call with it:
// whatever the bundle's own modules keep at module level lives from one call to the next,
// where a process of its own would start afresh. Each such place is listed here with why a
// later call may see it; a new one fails this test until it is added (or made per call).

const ROOT = resolve(import.meta.dirname, '../..');

/** Module-level state in src/ that is the same for every call, or set for each. */
const KEPT: Record<string, string> = {
  'src/caller.ts current': 'the daemon sets it before each call, and again after an exec command ran',
  'src/lock.ts self': "the lock owner: this process's pid and start time, the same for every call",
  'src/lock.ts taken': "how many locks this process has taken: only makes each lock's record unique, so a later call's differs",
  'src/execute/fs/anchor.ts procFd': 'whether /proc/self/fd exists: the same for every call',
  'src/action/shell/parser.ts loaded': 'the parser, by NOMOS_PARSER: a call gets the one its environment names',
  'src/config/load-policy.ts assembled': 'the last policies assembled, each with every rule text (compared whole) and place it was made from: kept only while they are all the same',
  'src/action/programs/sed.ts parsed': "a memo keyed by the argv array's identity (a WeakMap): a later call has other arrays",
  'src/action/programs/curl-words.ts curlNames': "curl's long option names, made from constants on first use: the same for every call",
  'src/action/programs/git-options.ts specs': "git subcommands' long option names, made from constants on first use: the same for every call",
  'src/hash.ts sha': 'the compiled SHA module and its memory: each hash sets the state and message it reads before it runs',
  'src/visible.ts made': 'the two display patterns, compiled on first use: the same for every call (their lastIndex is reset before each test)',
  'src/passwd.ts user': "the name and home of this process's uid, read once: the daemon answers only its own user's calls (its socket is that user's)",
  'src/hash.ts calls': "how many hashes the process made: after 64 they go to node:crypto, which gives the same digests (the daemon's soon do)",
  'src/action/shell/wrapper-table.ts wrappers': 'the wrapper table, made from constants on first use: the same for every call',
  'src/action/shell/command-variables.ts commandVariables': 'the variables that name commands, made from constants on first use: the same for every call',
  'src/action/shell/env-runners.ts runners': 'the environment managers\' table, made from constants on first use: the same for every call',
  'src/action/programs/launch-table.ts launchers': 'the launchers\' table (HPC, cluster shells, sandboxes), made from constants on first use: the same for every call',
  'src/action/mcp-tools.ts wellKnown': 'the well-known MCP tools\' table, made from constants on first use: the same for every call',
  'src/action/shell/cmake.ts fileCommands': "cmake -E's file commands, made from constants on first use: the same for every call",
  'src/audit/redact-patterns.ts tokenPatterns': 'the token shapes redaction masks, made from constants on first use: the same for every call (each replace starts at lastIndex 0)',
  'src/audit/redact-patterns.ts contextPatterns': 'the name-and-value shapes redaction masks, made from constants on first use: the same for every call (each replace starts at lastIndex 0)',
  'src/action/shell/command-variables.ts NO_RUNS': 'the empty list every command without such variables gets: readonly, never written',
};

/** Top-level declarations that can hold state: `let`/`var`, and a const that is an empty Map/Set/array/object or reads the process. */
function stateful(source: string): string[] {
  const names: string[] = [];
  for (const line of source.split('\n')) {
    const mutable = /^(?:export )?(?:let|var) (\w+)/.exec(line);
    const cache = /^(?:export )?const (\w+)(?::[^=]+)? = (?:new (?:Map|Set|WeakMap|WeakSet)(?:<.*>)?\(\)|\[\]|\{\});?$/.exec(line);
    const fromProcess = /^(?:export )?const (\w+)(?::[^=]+)? = (?!\(|async|function)[^;]*process\.(?:env|cwd|argv|ppid|pid|umask)/.exec(line);
    const name = mutable?.[1] ?? cache?.[1] ?? fromProcess?.[1];
    if (name) names.push(name);
  }
  return names;
}

describe("what the daemon's bundle keeps between calls", () => {
  const sources = (JSON.parse(readFileSync(join(ROOT, 'dist/hot.cjs.map'), 'utf8')) as { sources: string[] }).sources
    .map((s) => s.replace(/^(\.\.\/)+/, ''))
    .filter((s) => s.startsWith('src/'));

  it('reads the bundle map: the modules of every hot call are there', () => {
    expect(sources).toEqual(expect.arrayContaining(['src/cli/hot/entry.ts', 'src/caller.ts', 'src/lock.ts', 'src/action/shell/parser.ts', 'src/pipeline.ts']));
  });

  it('finds the kinds of declaration it looks for', () => {
    expect(stateful('let a = 1;\nexport let b: number;\nconst c = new Map<string, Promise<number>>();\nconst d = process.env.X;\nconst e = () => process.env.X;\nconst f = new Set([1]);\n  let g = 2;\nconst h: Array<{ x: number }> = [];\nconst i = [1];')).toEqual(['a', 'b', 'c', 'd', 'h']);
  });

  it('is only what is listed, with why a later call may see it', () => {
    const found = sources.flatMap((file) => stateful(readFileSync(join(ROOT, file), 'utf8')).map((name) => `${file} ${name}`));
    expect(found.sort()).toEqual(Object.keys(KEPT).sort());
  });
});
