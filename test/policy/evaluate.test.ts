import { describe, expect, it } from 'vitest';
import { analyzeShell } from '../../src/action/shell/analyze.js';
import { loadShellParser } from '../../src/action/shell/parser.js';
import { compileRules } from '../../src/policy/compile.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { parseRuleFile } from '../../src/policy/load.js';
import { buildPolicy } from '../../src/policy/policy.js';
import { ConfigError } from '../../src/errors.js';

const parser = await loadShellParser();
const ctx = { cwd: '/w', home: '/h', env: { HOME: '/h' } };

function policyOf(yaml: string, settings = { default: 'ask' as const, opaque: 'ask' as const }) {
  const file = parseRuleFile(yaml, 'test.yaml');
  return buildPolicy(compileRules([file], { home: '/h', workspace: '/w' }), { ...settings, sources: ['test.yaml'] });
}
const decide = (yaml: string, cmd: string) => evaluate(policyOf(yaml), analyzeShell(cmd, parser.parse, ctx));

const RULES = `version: 1
rules:
  - id: t.ls
    match: { command: ls }
    decision: allow
  - id: t.push-force
    match: { command: git push, flags: [--force, -f] }
    decision: deny
  - id: t.rm-root
    match: { command: rm, args: ["/"] }
    decision: deny
  - id: t.etc
    match: { file: { op: write, path: "/etc/**" } }
    decision: deny
  - id: t.home-read
    match: { file: { op: read, path: "~/.ssh/**" } }
    decision: ask
  - id: t.echo
    match: { command: echo }
    decision: allow
`;

/** The ids of the rules a command matches under g.root (rm of `rootArgs`), g.outside (rm outside the workspace) and `more`, sorted. */
function globRuleIds(rootArgs: string[], more = ''): (cmd: string) => string[] {
  const yaml = `version: 1
rules:
  - id: g.root
    match: { command: rm, args: ${JSON.stringify(rootArgs)} }
    decision: deny
  - id: g.outside
    match: { command: rm, paths: { outside: ["\${workspace}"] } }
    decision: deny
${more}`;
  return (cmd) => decide(yaml, cmd).rules.map((r) => r.id).sort();
}

describe('evaluate', () => {
  it('lets the strictest matching decision win across a list', () => {
    const e = decide(RULES, 'ls && rm -rf /');
    expect(e.decision).toBe('deny');
    expect(e.rules.map((r) => `${r.id}:${r.decision}`)).toEqual(['t.ls:allow', 't.rm-root:deny']);
    expect(e.reason).toMatch(/^t\.rm-root/);
  });

  it('gives an unmatched command the default, and names it', () => {
    const e = decide(RULES, 'ls; make');
    expect(e.decision).toBe('ask');
    expect(e.reason).toBe('no rule matches `make`; the default is ask');
  });

  it('matches a subcommand with flags, not without', () => {
    expect(decide(RULES, 'git push -f origin main').decision).toBe('deny');
    expect(decide(RULES, 'git push origin main').decision).toBe('ask');
  });

  it('matches file actions from redirects and known programs, with ~ expanded', () => {
    expect(decide(RULES, 'echo x > /etc/hosts').decision).toBe('deny');
    expect(decide(RULES, 'echo x > /etc/../etc/hosts').decision).toBe('deny');
    expect(decide(RULES, 'echo x > out').decision).toBe('allow');
    const e = decide(RULES, 'ls ~/.ssh/id_rsa && cat ~/.ssh/id_rsa');
    expect(e.rules.map((r) => r.id)).toContain('t.home-read');
  });

  it('lets a dynamic argument match deny rules but never allow rules', () => {
    expect(decide(RULES, 'rm -rf "$TARGET"').decision).toBe('deny');
    const allowOnly = 'version: 1\nrules:\n  - id: a.cat\n    match: { command: cat, args: ["*.txt"] }\n    decision: allow\n';
    expect(decide(allowOnly, 'cat notes.txt').decision).toBe('allow');
    expect(decide(allowOnly, 'cat "$F"').decision).toBe('ask');
  });

  it('says in the reason when a rule met a value nomos cannot know, and only then', () => {
    const rules = 'version: 1\nrules:\n  - id: d.secrets\n    match: { file: { op: read, path: "/secrets/**" } }\n    decision: deny\n    message: Secrets.\n';
    expect(decide(rules, 'cat "$F"').reason).toBe('d.secrets: Secrets. (the path /w/$F is not known before the command runs: it may be one this rule guards)');
    expect(decide(rules, 'cat /secrets/k').reason).toBe('d.secrets: Secrets.');
    expect(decide(RULES, 'rm -rf "$TARGET"').reason).toMatch(/^t\.rm-root: .*\(a word of `rm` is not known before the command runs: it may be one this rule matches\)$/);
    expect(decide(RULES, 'rm -rf /').reason).not.toMatch(/not known/);
  });

  it('meets a dynamic file path with every file rule, wherever its written part starts', () => {
    // The index keys file rules by the first directory of their paths: a dynamic path relative to
    // the cwd (/w) was looked up under /w only, so `cat "$F"` never met a rule on /secrets.
    const rules = 'version: 1\nrules:\n  - id: d.cat\n    match: { command: cat }\n    decision: allow\n  - id: d.secrets\n    match: { file: { op: read, path: "/secrets/**" } }\n    decision: deny\n';
    expect(decide(rules, 'cat notes.txt').decision).toBe('allow');
    for (const cmd of ['cat "$F"', 'cat src/$F', 'ls | xargs cat']) {
      const e = decide(rules, cmd);
      expect(e.decision, cmd).toBe('deny');
      expect(e.rules.map((r) => r.id), cmd).toEqual(['d.cat', 'd.secrets']);
    }
  });

  it('knows what a glob word cannot become: a relative one no absolute path, one starting with a letter no flag', () => {
    const ids = globRuleIds(['/', '~', '/etc'], '  - id: g.force\n    match: { command: rm, flags: [-r] }\n    decision: ask\n');
    expect(ids('rm -f src/*.o')).toEqual([]);
    // `*.o` may be a file named -r.o: a flag, maybe.
    expect(ids('rm -f *.o')).toEqual(['g.force']);
    // Absolute, home, `..` out of the workspace, or a variable: maybe anything.
    expect(ids('rm /*')).toEqual(['g.outside', 'g.root']);
    expect(ids('rm ~/*.o')).toEqual(['g.outside', 'g.root']);
    expect(ids('rm ../*.o')).toEqual(['g.outside']);
    expect(ids('rm src/.*/x')).toEqual(['g.outside']);
    expect(ids('rm "$D"/*.o')).toEqual(['g.force', 'g.outside', 'g.root']);
    // Quoted glob characters are literal: not dynamic at all.
    expect(ids('rm "*.o"')).toEqual([]);
  });

  it('reads a relative glob where the command runs: anywhere after an unknown cd, the home after cd ~', () => {
    const ids = globRuleIds(['/', '/*', '~', '~/*', '/etc']);
    expect(ids('rm -f *.o')).toEqual([]);
    expect(ids('cd src; rm -f *.o')).toEqual([]);
    // `cd $D` may go anywhere: `*` there may be /etc's names.
    expect(ids('cd "$D"; rm -rf src/*')).toEqual(['g.outside', 'g.root']);
    // `cd ~; rm -rf *` is `rm -rf ~/*`, `cd /; rm -rf *` is `rm -rf /*`.
    expect(ids('cd ~; rm -rf *')).toEqual(['g.outside', 'g.root']);
    expect(ids('cd /; rm -rf *')).toEqual(['g.outside', 'g.root']);
    expect(ids('cd /tmp; rm -rf *')).toEqual(['g.outside']);
  });

  it('carries a variable into an array element: `a[0]=$GITHUB_TOKEN; echo ${a[@]}` prints the token', () => {
    const yaml = `version: 1
rules:
  - id: v.token
    match: { command: echo, expands: [GITHUB_TOKEN] }
    decision: ask
`;
    const ids = (cmd: string) => decide(yaml, cmd).rules.map((r) => r.id);
    expect(ids('t=$GITHUB_TOKEN; echo $t')).toEqual(['v.token']);
    expect(ids('a[0]=$GITHUB_TOKEN; echo ${a[@]}')).toEqual(['v.token']);
    expect(ids('declare -A h; h[k]=$GITHUB_TOKEN; echo "${h[k]}"')).toEqual(['v.token']);
    expect(ids('a[0]=x; echo ${a[@]}')).toEqual([]);
  });

  it('never allows an opaque part, whatever the rules allow', () => {
    const e = decide(RULES, 'echo hi; eval "$X"');
    expect(e.decision).toBe('ask');
    expect(e.opaque.length).toBe(1);
    const deny = evaluate(policyOf(RULES, { default: 'allow', opaque: 'deny' } as never), analyzeShell('a=$1; $a', parser.parse, ctx));
    expect(deny.decision).toBe('deny');
  });

  it('honours not:', () => {
    const yaml = 'version: 1\nrules:\n  - id: n.git\n    match: { command: git, not: { command: git status } }\n    decision: deny\n';
    expect(decide(yaml, 'git push').decision).toBe('deny');
    expect(decide(yaml, 'git status').decision).toBe('ask');
  });
});

describe('parseRuleFile', () => {
  it('collects every problem with its line and column', () => {
    const yaml = 'version: 1\nrules:\n  - id: Bad_Id\n    match: { command: ls }\n    decision: maybe\n  - id: ok\n    match: { comand: ls }\n    decision: allow\n';
    let error: ConfigError | undefined;
    try {
      parseRuleFile(yaml, 'r.yaml');
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.exitCode).toBe(78);
    const where = error!.problems.map((p) => `${p.file}:${p.line}:${p.col}`);
    expect(where).toEqual(['r.yaml:3:9', 'r.yaml:5:15', 'r.yaml:7:14']);
    expect(error!.problems[2]!.message).toContain('unknown key "comand"; did you mean "command"?');
  });

  it('rejects a YAML syntax error with its position', () => {
    expect(() => parseRuleFile('version: 1\nrules:\n  - id: x\n   bad', 'y.yaml')).toThrow(/y\.yaml:\d+:\d+/);
  });
});

describe('a program that may be another file than its name says', () => {
  const rules = `version: 1
rules:
  - id: t.ls
    match: { command: ls }
    decision: allow
  - id: t.gradlew
    match: { command: ./gradlew build }
    decision: allow
  - id: t.rm
    match: { command: rm }
    decision: deny
`;
  it('allows the name only where it is the system program', () => {
    expect(decide(rules, 'ls').decision).toBe('allow');
    expect(decide(rules, '/usr/bin/ls').decision).toBe('allow');
    expect(decide(rules, '/bin/../usr/bin/ls').decision).toBe('allow');
    for (const cmd of ['./ls', 'bin/ls', '/tmp/ls', 'PATH=/tmp ls', 'export PATH=/tmp:$PATH; ls', 'PATH=/tmp; ls']) {
      const e = decide(rules, cmd);
      expect(e.decision, cmd).toBe('ask');
      expect(e.reason, cmd).toMatch(/may be another program than its name says/);
    }
  });

  it('still denies by name through any path or PATH', () => {
    for (const cmd of ['./rm x', '/tmp/rm x', 'PATH=. rm x', 'env PATH=. rm x']) expect(decide(rules, cmd).decision, cmd).toBe('deny');
  });

  it('matches a rule that names the path as written, with its subcommand', () => {
    expect(decide(rules, './gradlew build').rules.map((r) => r.id)).toEqual(['t.gradlew']);
    expect(decide(rules, './gradlew build').decision).toBe('allow');
    expect(decide(rules, './gradlew clean').decision).toBe('ask');
    expect(decide(rules, 'gradlew build').decision).toBe('ask');
  });
});

describe('http host patterns are read in the spelling action hosts have', () => {
  // A deny written `bücher.example` or `EVIL.example.` never met the punycode, dot-less host nomos decides on.
  const HOSTS = `version: 1
rules:
  - id: t.idn
    match: { http: { host: "bücher.example" } }
    decision: deny
  - id: t.dot
    match: { http: { host: "EVIL.example." } }
    decision: deny
  - id: t.glob
    match: { http: { host: "*.Straße.example" } }
    decision: deny
  - id: t.ip
    match: { http: { host: "[::ffff:127.0.0.1]:8080" } }
    decision: deny
`;
  it.each([
    ['curl http://bücher.example/', 't.idn'],
    ['curl http://xn--bcher-kva.example/', 't.idn'],
    ['curl https://evil.example/x', 't.dot'],
    ['curl https://EVIL.EXAMPLE./x', 't.dot'],
    ['curl https://a.straße.example/', 't.glob'],
    ['curl http://127.0.0.1:8080/', 't.ip'],
  ])('%s meets %s', (cmd, id) => {
    const out = decide(HOSTS, cmd);
    expect([cmd, out.decision, out.rules.map((r) => r.id)]).toEqual([cmd, 'deny', [id]]);
  });
});
