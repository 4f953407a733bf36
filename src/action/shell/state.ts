import { record } from '../table.js';
import type { Analysis, AnalysisContext, Opaque } from '../types.js';
import type { LoopValues } from './loops.js';
import type { PipeStage } from './piped.js';
import type { SyntaxNode } from './syntax.js';

/** Limits that keep analysis bounded on hostile input. */
export const LIMITS = {
  /** Nesting of shells inside shells (`bash -c "bash -c …"`). */
  maxDepth: 8,
  /** Longest command string analysed; longer is opaque. */
  maxSource: 100_000,
  /** Wrappers inside wrappers (`sudo sudo … rm`). */
  maxVia: 64,
  /** Syntax nesting the walker follows (`$($($(…)))`); deeper is opaque. */
  maxNodeDepth: 400,
};

/** What the walk carries down the tree. */
export interface WalkState {
  ctx: AnalysisContext;
  parse: (source: string) => SyntaxNode;
  out: Analysis;
  /** Wrappers around the commands being walked, outermost first. */
  via: string[];
  /** The source being walked (the top-level string, or a nested shell string). */
  source?: string;
  /** How many shells deep this source is. */
  depth: number;
  /** For nested sources: the span in the top-level string that they came from. */
  outerSpan?: [number, number];
  /** The shell's working directory as `cd` leaves it; shared along a list, copied into subshells. */
  scope: Scope;
  /** Walking a simple command's prefix assignments (`x=1 cmd`: x is set for cmd only). */
  prefix?: boolean;
  /** Variables a here-string or here-doc on an enclosing compound command feeds to the stdin of the commands in it. */
  stdin?: string[];
  /** The pipeline stage being walked, and what the stage before printed into it (see piped.ts). */
  pipe?: PipeStage;
  /** The pipeline walked has a redirect tree-sitter gives the whole of it, which bash applies to its last stage (`find … | while read -r f; do …; done < list`). */
  redirectedPipeline?: boolean;
}

/** Shell state that earlier commands change for later ones. */
export interface Scope {
  /** Where relative paths resolve; undefined once a `cd` went somewhere nomos cannot know. */
  cwd: string | undefined;
  /** Variables set earlier in the script (`export GIT_PAGER=…`): programs that run them as commands see them. No prototype (see table.ts). */
  vars: Record<string, string>;
  /** Names in `vars` whose value is not known statically. */
  dynamicVars: string[];
  /** Arrays declared associative (`declare -A m`) where it surely ran: their subscripts are strings, not arithmetic. */
  assoc?: string[];
  /** Variables that surely hold an integer here (see arithmetic.ts): the only ones arithmetic may use. */
  integers?: string[];
  /** Names of the variables each variable's value came from (see carries.ts). No prototype. */
  carries?: Record<string, string[]>;
  /** Name references (`declare -n r`): assigning one names the variable it stands for (see flows.ts). */
  references?: string[];
  /** `set -x` ran (and a `set +x` may not have): bash prints each later command with its values. */
  xtrace?: boolean;
  /** `set -P` (`set -o physical`) ran: `cd` resolves symlinks, as `cd -P` (directory.ts). */
  physical?: boolean;
  /** Every variable the script may set, in any scope (one set for the whole analysis; `*`: a name not known). See shadow.ts. */
  assigned: Set<string>;
  /** Loop variables whose values are the loop's words (loops.ts). A record replaced on change, never written: shared by copies. */
  loops?: Record<string, LoopValues>;
  /** Variables surely assigned their value in `vars` here (not in a part that may not run, not a command's prefix). Replaced on change. */
  sure?: string[];
  /** `… | while read -r f`: the values `read f` gives f, once that read runs (loops.ts noteReadLoop). */
  readLoop?: { name: string; values: LoopValues };
  /** Every function the script defines, in any scope (one set for the whole analysis): a call of that name runs it, not the program. */
  functions: Set<string>;
}

/** The scope a script starts in. Every scope has the same fields in the same order (one object shape). */
export function newScope(cwd: string): Scope {
  return { cwd, vars: record(), dynamicVars: [], assoc: undefined, integers: undefined, carries: undefined, references: undefined, xtrace: undefined, physical: undefined, assigned: new Set(), loops: undefined, sure: undefined, readLoop: undefined, functions: new Set() };
}

/** A copy for a subshell: what it changes stays inside. */
export function copyScope(scope: Scope): Scope {
  return {
    cwd: scope.cwd,
    vars: record(scope.vars),
    dynamicVars: [...scope.dynamicVars],
    assoc: scope.assoc && [...scope.assoc],
    integers: scope.integers && [...scope.integers],
    carries: scope.carries && record(scope.carries),
    references: scope.references && [...scope.references],
    xtrace: scope.xtrace,
    physical: scope.physical,
    assigned: scope.assigned,
    loops: scope.loops,
    sure: scope.sure,
    readLoop: scope.readLoop,
    functions: scope.functions,
  };
}

/** Records an opaque part: something nomos cannot know, which makes the request fail closed. */
export function addOpaque(state: WalkState, reason: string, node: { text: string; start: number; end: number }): void {
  const opaque: Opaque = {
    reason,
    text: node.text,
    span: state.outerSpan ?? [node.start, node.end],
    via: state.via,
  };
  state.out.opaque.push(opaque);
}

/** The context for resolving paths of the command being analysed (its cwd, as `cd` left it). */
export function pathContext(state: WalkState): { cwd: string; home: string; known: boolean } {
  return { cwd: state.scope.cwd ?? state.ctx.cwd, home: state.ctx.home, known: state.scope.cwd !== undefined };
}

/** A state for a nested command (inside a wrapper or a shell string). */
export function nestedState(state: WalkState, via: string, extra: Partial<WalkState> = {}): WalkState {
  return { ...state, via: [...state.via, via], ...extra };
}
