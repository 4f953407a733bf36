import { parseRuleFile } from '../../policy/load.js';

/** How cautious a new project starts: what an unmatched command gets, and opaque parts. */
export const PROFILES = {
  strict: { default: 'deny', opaque: 'deny', summary: 'only what a rule allows runs' },
  balanced: { default: 'ask', opaque: 'ask', summary: 'a human decides what no rule covers' },
  permissive: { default: 'allow', opaque: 'ask', summary: 'what no rule covers runs; rules still deny and ask' },
} as const;
export type Profile = keyof typeof PROFILES;

/** The project config file `nomos init` writes, and the starter rule file it includes. */
export const CONFIG_FILE = '.nomosrc.yaml';
export const RULES_FILE = 'nomos.rules.yaml';

/** Whether this version's config parser takes the `profile` key (older ones reject unknown keys). */
function schemaAcceptsProfile(profile: Profile): boolean {
  try {
    parseRuleFile(`version: 1\nprofile: ${profile}\n`, CONFIG_FILE);
    return true;
  } catch {
    return false;
  }
}

/** The commented project config for a profile. */
export function configText(profile: Profile): string {
  const p = PROFILES[profile];
  const profileLine = schemaAcceptsProfile(profile)
    ? [`# The profile sets the default decisions and which shipped packs load: strict, balanced or permissive.`, `profile: ${profile}`]
    : [];
  return [
    `# nomos project config, written by \`nomos init --profile ${profile}\` (${p.summary}).`,
    '# nomos loads the shipped rule packs first, then this file and what it includes.',
    '# Check it with `nomos check -- <command>`; the rule language is described in docs/rules.md.',
    'version: 1',
    ...profileLine,
    '# Decision for a command that no rule matches: allow, ask or deny.',
    `default: ${p.default}`,
    '# Decision for parts nomos cannot analyse ("$cmd", eval, curl | sh): ask or deny, never allow.',
    `opaque: ${p.opaque}`,
    '# More rule files, relative to this one.',
    `include: [${RULES_FILE}]`,
    '# Shipped rules to switch off, by id or glob, e.g. [base.git-read]. `nomos rules list` shows the ids.',
    'disable: []',
    '',
  ].join('\n');
}

/** The starter rule file: one working rule and commented examples to adapt. */
export function starterRulesText(): string {
  return `# Your project's rules. Every rule that matches counts; the strictest decision wins
# (allow < ask < deny). A rule file that fails to load stops nomos (exit 78): it never
# falls back to allowing.
version: 1
rules:
  - id: project.test
    description: Running the project's test suite is routine.
    match: { command: [npm test, npm run test] }
    decision: allow
    examples: { match: ["npm test"], no_match: ["npm publish"] }

  # Deny force-pushes, with a message the agent reads:
  # - id: project.no-force-push
  #   match: { command: git push, flags: [--force, -f] }
  #   decision: deny
  #   message: Force-pushing rewrites shared history; push a new branch instead.

  # Ask before anything writes outside the workspace:
  # - id: project.writes-outside
  #   match: { file: { op: [write, delete], path: "/etc/**" } }
  #   decision: ask

  # Deny an MCP server's tools by name (the server's name as in your agent's MCP config):
  # - id: project.no-github-deletes
  #   match: { mcp: { server: github, tool: "delete_*" } }
  #   decision: deny
  #   examples: { match: [{ server: github, tool: delete_repository }] }
`;
}
