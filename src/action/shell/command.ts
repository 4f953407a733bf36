import { splitFlags } from '../flags.js';
import { gitFlags } from '../programs/git-options.js';
import { OPTION_SPECS } from '../programs/specs.js';
import { record } from '../table.js';
import type { ExecAction } from '../types.js';
import { UNKNOWN, withCarried } from './carries.js';
import { inputVars, noteSetters, noteTrace, traceAction } from './flows.js';
import { trackDirectory } from './directory.js';
import { namesLesskey } from './executors.js';
import { analyzeInner } from './inner.js';
import { commandPrinted } from './piped.js';
import { addOpaque, LIMITS, type WalkState } from './state.js';
import type { SyntaxNode } from './syntax.js';
import { evaluateWord, expandWord, isWordNode, joinWords, type WordValue } from './words.js';

/** What a command gets besides its own words. */
export interface CommandExtras {
  /** Here-docs and here-strings fed to its stdin. */
  inputs?: SyntaxNode[];
  /** It gets more arguments at run time (`xargs cmd`, `find -exec cmd {} +`). */
  dynamicTail?: boolean;
  /** Names of its prefix assignments whose value is not known statically. */
  dynamicEnv?: string[];
}

/** Variables that make any program (or shell) load code from a file. */
const CODE_LOADING_VARIABLES = new Set(['LD_PRELOAD', 'LD_AUDIT', 'LD_LIBRARY_PATH', 'BASH_ENV', 'ENV', 'NODE_OPTIONS', 'PYTHONSTARTUP', 'PERL5OPT', 'RUBYOPT', 'DYLD_INSERT_LIBRARIES',
  // git reads configuration (core.fsmonitor, core.pager, aliases: commands) from these, as from `-c`.
  'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_EXEC_PATH', 'GIT_DIR', 'GIT_COMMON_DIR', 'GIT_TEMPLATE_DIR',
  // Which transports git may use: ext:: runs a command.
  'GIT_ALLOW_PROTOCOL',
  // Where programs find their configuration: `HOME=. git status` runs core.fsmonitor from ./.gitconfig,
  // `CURL_HOME=. curl …` obeys ./.curlrc, a lesskey file sets LESSOPEN (a command), rg's config adds --pre.
  'HOME', 'XDG_CONFIG_HOME', 'XDG_CONFIG_DIRS', 'CURL_HOME', 'WGETRC', 'RIPGREP_CONFIG_PATH', 'LESSKEY', 'LESSKEYIN', 'LESSKEY_SYSTEM', 'LESSKEYIN_SYSTEM', 'LESSKEY_CONTENT',
  // Module search paths (`PYTHONPATH=. aws …` imports ./json.py) and glibc's iconv modules.
  // man's default options (`MANOPT='-P cmd'` runs cmd as its pager).
  'MANOPT',
  // vim's start-up commands and the directories of its runtime files and system vimrc.
  'VIMINIT', 'EXINIT', 'GVIMINIT', 'VIMRUNTIME', 'VIM',
  'PYTHONPATH', 'PYTHONHOME', 'NODE_PATH', 'PERL5LIB', 'PERLLIB', 'RUBYLIB', 'LUA_PATH', 'LUA_CPATH', 'LUA_INIT', 'GCONV_PATH',
  // Options every bash script the program starts takes (bash as /bin/sh too): xtrace runs the code in PS4.
  'SHELLOPTS', 'BASHOPTS',
  // GNU parallel's options from the environment (`PARALLEL='--wd ~/.ssh'` moved `cat id_rsa`) and its profiles' directory.
  'PARALLEL', 'PARALLEL_HOME']);

/** Variables that send a program's network requests through a proxy: to a host nomos does not decide. */
const ROUTING_VARIABLES = new Set(['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'all_proxy', 'ftp_proxy', 'FTP_PROXY']);

/**
 * Variables that send a package manager's downloads (and the install scripts in them) to a registry of their choosing:
 * `npm_config_registry=URL npm install` (npm 10 went there; npm reads its variables case-blind), pip's and uv's indexes
 * (`PIP_INDEX_URL`: pip 24 looked there), go's module proxy and checksum database, cargo's, yarn's and bundler's registries.
 */
const REGISTRY_VARIABLES = /^(?:npm_config_registry|PIP_(?:INDEX_URL|EXTRA_INDEX_URL|FIND_LINKS)|UV_(?:INDEX_URL|EXTRA_INDEX_URL|INDEX|DEFAULT_INDEX|FIND_LINKS)|PIPENV_PYPI_MIRROR|GOPROXY|GOSUMDB|GOINSECURE|CARGO_REGISTRIES_\w+_INDEX|CARGO_REGISTRY_DEFAULT|YARN_REGISTRY|YARN_NPM_REGISTRY_SERVER|BUNDLE_MIRROR__\w+|RSYNC_PROXY)$/;

/** git's trace variables: given an absolute path, git appends its trace to that file (`GIT_TRACE=~/.bashrc git status`). */
const TRACE_VARIABLES = new Set(['GIT_TRACE', 'GIT_TRACE2', 'GIT_TRACE2_EVENT', 'GIT_TRACE2_PERF', 'GIT_TRACE_PACKET', 'GIT_TRACE_PACKFILE', 'GIT_TRACE_PERFORMANCE', 'GIT_TRACE_SETUP', 'GIT_TRACE_CURL', 'GIT_TRACE_PACK_ACCESS', 'GIT_TRACE_SHALLOW', 'GIT_TRACE_FSMONITOR', 'GIT_TRACE_REFS']);

/**
 * Why a variable among `vars` makes the program do what nomos cannot see, if one does: load
 * code or configuration, send requests through a proxy, write a trace file, or (LESS, unless
 * `shadowing` sets it for the command) read a lesskey file. One pass over the names set
 * (null-prototype records: no key list is made); this runs for every command, and most set none.
 */
function variableRisk(vars: Record<string, string>, shadowing?: Record<string, string>): string | undefined {
  for (const name in vars) {
    if (CODE_LOADING_VARIABLES.has(name)) return `${name} makes the program load code nomos cannot see`;
    if (ROUTING_VARIABLES.has(name)) return `${name} sends the program's requests through a proxy nomos does not decide`;
    if (REGISTRY_VARIABLES.test(/^npm_config_/i.test(name) ? name.toLowerCase() : name)) return `${name} sends the program's downloads to a registry or proxy nomos does not decide`;
    if (TRACE_VARIABLES.has(name) && vars[name]!.startsWith('/')) return `${name} makes git write its trace into a file nomos does not decide`;
    // LESS holds options for every less a program starts (git's pager): only a lesskey file in them runs code.
    if (name === 'LESS' && !(shadowing && 'LESS' in shadowing) && vars.LESS!.split(/\s+/).some(namesLesskey)) return 'LESS names a lesskey file, which can make less run commands';
  }
  return undefined;
}

/** No variables: shared, so a command that reads nothing from stdin makes no list. */
const NONE: readonly string[] = Object.freeze([]);

/** Bash builtins: bash runs them itself, whatever PATH says. */
export const BUILTINS = new Set(['.', ':', '[', 'alias', 'bg', 'bind', 'break', 'builtin', 'caller', 'cd', 'command', 'compgen', 'complete', 'compopt', 'continue', 'declare', 'dirs', 'disown', 'echo', 'enable', 'eval', 'exec', 'exit', 'export', 'false', 'fc', 'fg', 'getopts', 'hash', 'help', 'history', 'jobs', 'kill', 'let', 'local', 'logout', 'mapfile', 'popd', 'printf', 'pushd', 'pwd', 'read', 'readarray', 'readonly', 'return', 'set', 'shift', 'shopt', 'source', 'suspend', 'test', 'times', 'trap', 'true', 'type', 'typeset', 'ulimit', 'umask', 'unalias', 'unset', 'wait']);

/** The argument xargs or find adds at run time: never known, so rules treat it as "may match". */
export const RUNTIME_ARGS: WordValue = { value: '<args at run time>', dynamic: true };

/** One `command` node: its program, words, environment; then wrappers and known programs. */
export function analyzeSimpleCommand(node: SyntaxNode, state: WalkState, extraArgs: SyntaxNode[], extras: CommandExtras): void {
  const nameNode = node.children.find((c) => c.field === 'name');
  if (!nameNode) return;
  const env = record<string>();
  const dynamicEnv: string[] = [];
  for (const assignment of node.children.filter((c) => c.type === 'variable_assignment')) {
    const [name, value] = [assignment.children[0], assignment.children.find((c) => c.field === 'value')];
    const assigned = value ? evaluateWord(value, state.ctx) : { value: '', dynamic: false };
    // `PATH+=:. make` appends to the value the variable had (bash ran ./make after the system's): that value, or `$PATH` unknown.
    const word = name && assignment.children[1]?.type === '+=' ? appended(name.text, assigned, state) : assigned;
    if (name) env[name.text] = word.value;
    if (name && word.dynamic) dynamicEnv.push(name.text);
  }
  const wordNodes = [nameNode.children[0] ?? nameNode, ...node.children.filter((c) => c.field === 'argument'), ...extraArgs];
  const words = joinContinuations(node, wordNodes.filter(isWordNode), state);
  if (words.length === 0) return;
  if (splitName(node, nameNode, words[0]!)) addOpaque(state, 'a backslash-newline inside a command name that makes a keyword, assignment or descriptor of it', nameNode);
  analyzeWords(words, env, state, node, { ...extras, ...(dynamicEnv.length ? { dynamicEnv } : {}) });
  trackDirectory(words, state, env);
}

/** The value `NAME+=text` gives NAME: what the script set it to before, else its value from the environment, which nomos does not know. */
function appended(name: string, word: WordValue, state: WalkState): WordValue {
  const known = Object.hasOwn(state.scope.vars, name) && !state.scope.dynamicVars.includes(name);
  if (known) return { value: `${state.scope.vars[name]}${word.value}`, dynamic: word.dynamic };
  return { value: `$${name}${word.value}`, dynamic: true };
}

/** What bash reads, in a command's first word, as no program: a keyword, an assignment, a redirect's descriptor. */
const NOT_A_PROGRAM = /^(time|coproc|!|if|then|else|elif|fi|while|until|for|do|done|case|esac|select|function|in|\{|\}|\[\[|\]\]|[A-Za-z_][A-Za-z0-9_]*(\[.*\])?\+?=.*|\{[A-Za-z_][A-Za-z0-9_]*\}|\d+)$/s;

/**
 * bash removes a backslash-newline before it reads a word, so one inside the command's name
 * can make it a keyword or an assignment (`ti\<newline>me x=1 rm`, `x\<newline>=1 rm` run rm),
 * which the grammar, joining the pieces only afterwards (below), took for a program.
 */
function splitName(command: SyntaxNode, name: SyntaxNode, first: WordValue): boolean {
  const split = name.text.includes('\\\n') || /^(\\\n)+[^\s]/.test(command.text.slice(name.end - command.start));
  return split && NOT_A_PROGRAM.test(first.value);
}

/**
 * Grammar bugs: tree-sitter-bash splits a word at a backslash-newline (`r\<newline>m`), and
 * sometimes after a quote (`'a $'\x72m`), and leaves an escaped blank between words out of
 * both (`cat "x"\ a`, `cat \ a`). bash splits words only at unescaped blanks: what lies
 * between two word nodes (see gapSegments) joins them, or becomes words of its own.
 */
function joinContinuations(command: SyntaxNode, nodes: SyntaxNode[], state: WalkState): WordValue[] {
  const words: WordValue[] = [];
  nodes.forEach((node, i) => {
    const values = substitutionPrinted(node, state) ?? expandWord(node, state.ctx);
    const prev = nodes[i - 1];
    // Words a redirect lent (`rm 2>/dev/null -rf /`) lie outside the command's text: never joined.
    const inside = !!prev && prev.end <= node.start && node.end <= command.end;
    const segments = inside ? gapSegments(command.text.slice(prev.end - command.start, node.start - command.start)) : undefined;
    if (!segments || words.length === 0) return void words.push(...values);
    const [first, ...rest] = values;
    if (segments.length === 1) return void words.push(joinWords(joinWords(words.pop()!, literal(segments[0]!)), first), ...rest);
    const last = segments.length - 1;
    if (segments[0]) words.push(joinWords(words.pop()!, literal(segments[0])));
    words.push(...segments.slice(1, last).filter((s) => s !== '').map(literal));
    const next = segments[last] ? joinWords(literal(segments[last]), first) : first;
    words.push(...(next ? [next] : []), ...rest);
  });
  return words;
}

const literal = (text: string): WordValue => ({ value: text, dynamic: false });

/** A whole word `$(cmd …)` whose command prints paths (find, grep -l, rg -l): the word, with them (piped.ts). */
export function substitutionPrinted(node: SyntaxNode, state: WalkState): WordValue[] | undefined {
  if (node.type !== 'command_substitution') return undefined;
  const inner = node.children.filter((c) => c.named);
  const command = inner.length === 1 && inner[0]!.type === 'command' ? inner[0]! : undefined;
  // Nothing nested: a substitution inside it is not followed here (and never recursively).
  if (!command || /[`$]\(|`/.test(command.text) || command.children.some((c) => c.type === 'variable_assignment' || c.field === 'redirect')) return undefined;
  const nameNode = command.children.find((c) => c.field === 'name');
  if (!nameNode) return undefined;
  const words = joinContinuations(command, [nameNode.children[0] ?? nameNode, ...command.children.filter((c) => c.field === 'argument')].filter(isWordNode), state);
  const printed = words[0] && !words[0].dynamic ? commandPrinted(words, state) : undefined;
  return printed ? expandWord(node, state.ctx).map((w) => ({ ...w, printed })) : undefined;
}

/**
 * The text between two word nodes as bash reads it: the literal text (escaped blanks) of each
 * stretch between unescaped blanks; one stretch when there is no unescaped blank (the words are
 * one). Undefined when the words are simply separate (blanks only: the usual gap, no allocation)
 * or the gap holds anything else.
 */
function gapSegments(gap: string): string[] | undefined {
  if (!gap.includes('\\')) return gap === '' ? [''] : undefined;
  const segments = [''];
  for (let i = 0; i < gap.length; i++) {
    const c = gap[i]!;
    if (c === '\\' && (gap[i + 1] === ' ' || gap[i + 1] === '\t')) segments[segments.length - 1] += gap[++i]!;
    else if (c === '\\' && gap[i + 1] === '\n') i++;
    else if (c === ' ' || c === '\t') segments.push('');
    else return undefined;
  }
  // Runs of unescaped blanks are one separator.
  return segments.filter((s, k) => k === 0 || k === segments.length - 1 || s !== '');
}

/** Analyses an argument vector (from the tree, or from a wrapper's arguments). */
export function analyzeWords(words: WordValue[], env: Record<string, string>, state: WalkState, node: SyntaxNode, extras: CommandExtras = {}): void {
  const [first] = words;
  if (!first) return;
  if (first.dynamic) return addOpaque(state, 'the program name is not known statically', node);
  if (state.via.length > LIMITS.maxVia) return addOpaque(state, 'wrappers nested deeper than nomos follows', node);
  // Set for the command (`BASH_ENV=x bash`), or earlier in the script (`export BASH_ENV=x; bash`).
  const risk = variableRisk(env) ?? variableRisk(state.scope.vars, env);
  if (risk) addOpaque(state, risk, node);
  // `BASH_FUNC_ls%%` in the environment: bash runs that function for `ls` (not `/bin/ls`).
  if (state.ctx.bashFunction?.(first.value)) addOpaque(state, `the environment defines a bash function ${first.value}, which runs instead of the program`, node);
  const all = extras.dynamicTail ? [...words, RUNTIME_ARGS] : words;
  const action = { ...makeExecAction(all, env, state), ...(extras.dynamicEnv ? { dynamicEnv: extras.dynamicEnv } : {}) };
  // What its stdin holds is expanded here too: `cat <<< "$GITHUB_TOKEN"` prints the token.
  // Most commands read nothing from a here-string or here-doc: no list is made for them.
  const fed = extras.inputs && extras.inputs.length > 0 ? [...inputVars(extras.inputs, state), ...(state.stdin ?? [])] : state.stdin;
  const stdin = fed && fed.length > 0 ? withCarried(state.scope, fed) : NONE;
  if (stdin.length > 0) action.expands = [...new Set([...(action.expands ?? []), ...stdin])];
  noteSetters(action, stdin, state.scope);
  if (action.expands?.includes(UNKNOWN)) addOpaque(state, 'an indirect expansion or name reference of a variable nomos cannot name', node);
  state.out.actions.push(action);
  const traced = traceAction(action, state.scope);
  if (traced) state.out.actions.push(traced);
  noteTrace(action, state.scope);
  analyzeInner(action, all, state, node, extras);
}

function makeExecAction(words: WordValue[], env: Record<string, string>, state: WalkState): ExecAction {
  const argv = words.map((w) => w.value);
  const word0 = argv[0]!;
  const program = (word0.includes('/') ? word0.slice(word0.lastIndexOf('/') + 1) : word0) || word0;
  const spec = OPTION_SPECS[program];
  const split = splitFlags(argv.slice(1), spec && !spec.stopAtPositional ? spec : {});
  const { args } = split;
  const flags = program === 'git' ? gitFlags(argv, split.flags) : split.flags;
  const dynamic = words.flatMap((w, i) => (w.dynamic ? [i] : []));
  // Built field by field (not with conditional spreads): this runs for every command analysed.
  const action: ExecAction = { kind: 'exec', program, argv, flags, args, env, via: state.via };
  if (program !== word0) action.path = word0;
  // `PATH=. ls`, `export PATH=…` earlier in the script, or a PATH with `.` in the environment: ls may be any file named ls.
  const searchPath = env.PATH ?? state.scope.vars.PATH ?? state.ctx.searchPath;
  if (searchPath !== undefined && program === word0 && !BUILTINS.has(program)) action.searchPath = searchPath;
  if (state.scope.cwd !== undefined) action.cwd = state.scope.cwd;
  if (dynamic.length > 0) {
    action.dynamic = dynamic;
    const globs = dynamic.filter((i) => words[i]!.glob);
    if (globs.length > 0) action.globs = globs;
    const pipes = dynamic.filter((i) => words[i]!.pipe);
    if (pipes.length > 0) action.pipes = pipes;
  }
  if (words.some((w) => w.vars)) action.expands = withCarried(state.scope, [...new Set(words.flatMap((w) => w.vars ?? []))]);
  return action;
}
