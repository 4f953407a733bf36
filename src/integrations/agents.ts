/** The agents `nomos hook` speaks to. */
export const HOOK_AGENTS = ['claude-code', 'gemini-cli', 'json'] as const;
export type HookAgent = (typeof HOOK_AGENTS)[number];
