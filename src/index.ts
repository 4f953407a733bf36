/** Library API: decide and run requests in-process, for TypeScript agent frameworks. */
export { decide, execute, settle, type DecideDeps, type RunDeps, type Verdict } from './pipeline.js';
export { analyzeRequest, type Request } from './action/request.js';
export type { Action, Analysis, ExecAction, FileAction, HttpAction, Opaque } from './action/types.js';
export { loadShellParser, type ShellParser } from './action/shell/parser.js';
export { loadPolicy, type PolicyOptions } from './config/load-policy.js';
export { analysisContext } from './config/context.js';
export type { Evaluation, RuleMatch } from './policy/evaluate.js';
export type { Decision } from './policy/decision.js';
export { ExitCode, NomosError } from './errors.js';
export { withSession, type OpenSession, type StoreOptions } from './session/store.js';
export type { SessionView, SessionEvent, SessionFilter } from './policy/session-view.js';
