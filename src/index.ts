/** Library API: decide and run requests in-process, for TypeScript agent frameworks. */
export { decide, execute, settle, type DecideDeps, type RunDeps, type Verdict } from './pipeline.js';
export { analyzeRequest, type Request } from './action/request.js';
export type { Action, Analysis, ExecAction, FileAction, HttpAction, McpAction, Opaque } from './action/types.js';
export { loadShellParser, type ShellParser } from './action/shell/parser.js';
export { loadPolicy, type PolicyOptions } from './config/load-policy.js';
export { analysisContext } from './config/context.js';
export type { Evaluation, RuleMatch } from './policy/evaluate.js';
export type { Decision } from './policy/decision.js';
export { DeniedError, ExitCode, NomosError } from './errors.js';
export { withSession, type OpenSession, type StoreOptions } from './session/store.js';
export type { SessionView, SessionEvent, SessionFilter } from './policy/session-view.js';
export { createEscalator, type Approval, type Escalator } from './approval/escalate.js';
export { createFirewall, type CallOptions, type Firewall, type FirewallOptions, type RunResult } from './integrations/firewall.js';
export { parseToolRequest, type ToolRequest } from './integrations/wire.js';
export type { Performed } from './integrations/perform.js';
export { guardAiSdkTool, guardLangChainTool, type AiSdkTool, type DescribeCall, type LangChainTool } from './integrations/guards.js';
