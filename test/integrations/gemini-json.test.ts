import { beforeEach, describe, expect, it } from 'vitest';
import { answerHook } from '../../src/integrations/hook.js';
import { makeSandbox, trustProject, type Sandbox } from '../helpers/cli.js';
import { auditEvents, fixture } from './fixtures.js';

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

const lastDecision = () => auditEvents(sb).filter((e) => e.type === 'decision').at(-1)!;

async function gemini(name: string) {
  const reply = await answerHook('gemini-cli', fixture('gemini-cli', name, sb), { cwd: sb.cwd, env: sb.env });
  expect(reply.exitCode).toBe(0);
  return JSON.parse(reply.stdout) as { decision: string; reason: string; systemMessage?: string };
}

describe('nomos hook gemini-cli (recorded BeforeTool inputs)', () => {
  it('run_shell_command: denies rm -rf ~ with reason and systemMessage', async () => {
    const out = await gemini('shell-deny');
    expect(Object.keys(out)).toEqual(['decision', 'reason', 'systemMessage']);
    expect(out.decision).toBe('deny');
    expect(out.reason).toMatch(/^nomos: denied by fs\.rm-recursive-root: /);
    expect(out.systemMessage).toBe(out.reason);
    expect(lastDecision().session).toBe('4c3b2a19-0d8e-4f7a-9b6c-5d4e3f2a1b0c');
  });

  it('run_shell_command: allows ls, analysed in the directory the tool names', async () => {
    const out = await gemini('shell-allow');
    expect(out).toEqual({ decision: 'allow', reason: 'nomos: allowed: base.read-only: Commands that only read files or print information.' });
    expect(lastDecision().cwd).toBe(`${sb.cwd}/sub`);
  });

  it('ask has no Gemini form: it becomes deny, saying approval is needed (fail closed)', async () => {
    const out = await gemini('read-file');
    expect(out.decision).toBe('deny');
    expect(out.reason).toBe('nomos: denied: approval needed (secrets.ssh-keys asked) and prompting is off (no approver configured)');
    expect(lastDecision().actions[0]).toMatchObject({ kind: 'file', op: 'read', path: `${sb.home}/.ssh/id_ed25519` });
  });

  it('search_file_content under ~/.aws is a recursive read the credentials rule applies to', async () => {
    const out = await gemini('search-aws');
    expect(out.reason).toBe('nomos: denied: approval needed (secrets.cloud-credentials asked) and prompting is off (no approver configured)');
    expect(lastDecision().actions[0]).toEqual({ kind: 'file', op: 'read', path: `${sb.home}/.aws`, via: ['gemini-cli search_file_content'], recursive: true });
  });

  it('write_file under /etc is denied by its rule', async () => {
    expect((await gemini('write-file')).reason).toMatch(/^nomos: denied by fs\.delete-system: /);
  });

  it('list_directory maps to a list action', async () => {
    expect((await gemini('list-directory')).decision).toBe('deny');
    expect(lastDecision().actions).toEqual([{ kind: 'file', op: 'list', path: sb.cwd, via: ['gemini-cli list_directory'] }]);
  });

  it('web_fetch: every URL in the prompt is an http action', async () => {
    await gemini('web-fetch');
    expect(lastDecision().actions.map((a: { host: string }) => a.host)).toEqual(['example.com', 'example.org']);
  });

  describe('decides what Gemini CLI acts on, not one reading of its input', () => {
    const call = async (toolName: string, toolInput: unknown, rules = '') => {
      if (rules) {
        sb.write('work/.nomosrc.yaml', `version: 1\nrules:\n${rules}`);
        await trustProject(sb);
      }
      const input = JSON.stringify({ session_id: 's', cwd: sb.cwd, hook_event_name: 'BeforeTool', tool_name: toolName, tool_input: toolInput });
      return JSON.parse((await answerHook('gemini-cli', input, { cwd: sb.cwd, env: sb.env })).stdout) as { decision: string; reason: string };
    };
    const allowHost = '  - id: project.allowed\n    match: { http: { host: allowed.com } }\n    decision: allow\n';
    const hosts = () => lastDecision().actions.map((a: { host: string }) => a.host);

    it('web_fetch: every word with :// as new URL() reads it, whatever follows the host or its case', async () => {
      // The regex nomos used stopped at ) ' " and missed HTTPS://: each allowed a fetch from another host.
      for (const [prompt, fetched] of [['summarize https://allowed.com)@evil.com/x', ['evil.com']], ["summarize https://allowed.com'@127.0.0.1:8080/x", ['127.0.0.1']], ['summarize https://allowed.com"@evil.com/', ['evil.com']], ['summarize https://allowed.com/ and HTTPS://evil.com/', ['allowed.com', 'evil.com']]] as const) {
        const out = await call('web_fetch', { prompt }, allowHost);
        expect([prompt, hosts()]).toEqual([prompt, fetched]);
        if ((fetched as readonly string[]).includes('evil.com')) expect([prompt, out.decision]).toEqual([prompt, 'deny']);
      }
      expect((await call('web_fetch', { prompt: 'summarize https://allowed.com/docs please' })).decision).toBe('allow');
    });

    it('web_fetch: the direct mode url is decided too, and a word it would not fetch as http(s) is opaque', async () => {
      expect((await call('web_fetch', { url: 'https://evil.com/', prompt: 'https://allowed.com/' }, allowHost)).decision).toBe('deny');
      expect(hosts()).toEqual(['allowed.com', 'evil.com']);
      expect((await call('web_fetch', { url: 'https://allowed.com/x' })).decision).toBe('allow');
      const out = await call('web_fetch', { prompt: 'see https://allowed.com/ and ftp://evil.com/x' });
      expect([out.decision, lastDecision().opaque.length]).toEqual(['deny', 1]);
    });

    it('web_fetch: a github.com blob page is decided as raw.githubusercontent.com too, where Gemini CLI fetches it', async () => {
      const onlyGithub = '  - id: project.no-raw\n    match: { http: { host: raw.githubusercontent.com } }\n    decision: deny\n';
      expect((await call('web_fetch', { url: 'https://github.com/o/r/blob/main/README.md' }, onlyGithub)).decision).toBe('deny');
      expect(lastDecision().actions.map((a: { url: string }) => a.url)).toEqual(['https://github.com/o/r/blob/main/README.md', 'https://raw.githubusercontent.com/o/r/main/README.md']);
      expect((await call('web_fetch', { prompt: 'read https://github.com/o/r/issues/1' })).decision).toBe('allow');
    });

    it('read_file and write_file: every path alias given is decided', async () => {
      sb.write('work/.env', 'TOKEN=x');
      const out = await call('read_file', { file_path: 'README.md', absolute_path: `${sb.cwd}/.env` }, '  - id: project.reads\n    match: { file: { op: read, path: "${workspace}/**" } }\n    decision: allow\n');
      expect(out.decision).toBe('deny');
      expect(lastDecision().actions.map((a: { path: string }) => a.path)).toEqual([`${sb.cwd}/README.md`, `${sb.cwd}/.env`]);
    });

    it('read_many_files: include (what Gemini CLI reads) and paths, each a recursive read', async () => {
      expect((await call('read_many_files', { paths: ['README.md'], include: ['.env'] }, '  - id: project.reads\n    match: { file: { op: read, path: "${workspace}/**" } }\n    decision: allow\n')).decision).toBe('deny');
      expect(lastDecision().actions.map((a: { path: string; recursive?: boolean }) => [a.path, a.recursive])).toEqual([[`${sb.cwd}/README.md`, true], [`${sb.cwd}/.env`, true]]);
      expect((await call('read_many_files', { include: ['src'] })).decision).toBe('allow');
    });

    it('read_many_files: each entry as the glob package reads it (nocase, {a,b}, \\\\ as /, extglobs), not as a literal path', async () => {
      // Gemini CLI globs every entry with nocase: `.ENV` read .env; nomos decided the literal path, which does not exist.
      sb.write('work/conf/.env', 'TOKEN=x');
      sb.write('work/README.md', 'hi');
      const reads = '  - id: project.reads\n    match: { file: { op: read, path: "${workspace}/**" } }\n    decision: allow\n';
      for (const entry of ['conf/.ENV', 'CONF/.env', 'conf\\.env', 'conf/.en?', '**/.env', 'conf/{.env,x}', 'conf/.en[v]', 'conf/+(.env)', 'c*/.e*']) {
        const out = await call('read_many_files', { include: ['README.md', entry] }, reads);
        expect([entry, out.decision]).toEqual([entry, 'deny']);
      }
      expect(lastDecision().actions.map((a: { path: string }) => a.path)).toContain(`${sb.cwd}/conf/.env`);
      expect((await call('read_many_files', { include: ['*.md', 'READ?E.md', '{README,x}.md'] })).decision).toBe('allow');
    });

    it('run_shell_command: two different directories are malformed (deny)', async () => {
      const out = await call('run_shell_command', { command: 'ls', dir_path: sb.cwd, directory: '/' });
      expect([out.decision, out.reason]).toEqual(['deny', expect.stringContaining('more than one directory')]);
    });
  });

  it('an MCP tool is named from mcp_context', async () => {
    await gemini('mcp');
    expect(lastDecision().actions[0]).toMatchObject({ kind: 'mcp', server: 'github', tool: 'create_issue' });
  });

  it("an MCP tool with a built-in's name (the built-in left out) is the server's tool, not the built-in (write_todos was allowed as inert)", async () => {
    for (const name of ['write_todos', 'save_memory', 'read_file']) {
      const input = fixture('gemini-cli', 'mcp', sb).replace('"tool_name": "create_issue",\n  "tool_input"', `"tool_name": "${name}",\n  "tool_input"`).replace('"tool_name": "create_issue",\n    "command"', `"tool_name": "${name}",\n    "command"`);
      const reply = await answerHook('gemini-cli', input, { cwd: sb.cwd, env: sb.env });
      expect([name, JSON.parse(reply.stdout).decision]).toEqual([name, 'deny']);
      expect(lastDecision().actions[0]).toMatchObject({ kind: 'mcp', server: 'github', tool: name });
    }
  });

  it('tools that only talk to you or plan are inert (opaque, they were denied); exit_plan_mode reads its plan; the tracker stays opaque', async () => {
    const call = async (toolName: string, toolInput: unknown) => {
      const input = JSON.stringify({ session_id: 's', cwd: sb.cwd, hook_event_name: 'BeforeTool', tool_name: toolName, tool_input: toolInput });
      return JSON.parse((await answerHook('gemini-cli', input, { cwd: sb.cwd, env: sb.env })).stdout) as { decision: string; reason: string };
    };
    for (const [name, input] of [['ask_user', { questions: [{ question: 'Which?', type: 'text' }] }], ['enter_plan_mode', { reason: 'plan' }], ['update_topic', { title: 'Refactor' }], ['write_todos', { todos: [] }]] as const) {
      expect([name, await call(name, input)]).toEqual([name, { decision: 'allow', reason: 'nomos: allowed: nothing to run' }]);
      expect(lastDecision().actions).toEqual([]);
    }
    await call('exit_plan_mode', { plan_path: 'plans/feature.md' });
    expect(lastDecision().actions).toEqual([expect.objectContaining({ kind: 'file', op: 'read', path: `${sb.cwd}/plans/feature.md` })]);
    const tracker = await call('tracker_create_task', { title: 't', description: 'd', type: 'task' });
    expect([tracker.decision, lastDecision().opaque.length]).toEqual(['deny', 1]);
  });

  it('malformed input: deny with the reason', async () => {
    const out = await gemini('malformed-no-tool-name');
    expect(out.decision).toBe('deny');
    expect(out.reason).toBe('nomos: denied: could not decide (tool_name must be a non-empty string)');
  });
});

describe('nomos hook json (the generic format)', () => {
  const ask = (body: unknown) => answerHook('json', JSON.stringify(body), { cwd: sb.cwd, env: sb.env });

  it('answers decision, reason, id and rules, with check-style exit codes', async () => {
    const denied = await ask({ session: 'agent-7', request: { kind: 'shell', command: 'rm -rf /' } });
    expect(denied.exitCode).toBe(77);
    const out = JSON.parse(denied.stdout);
    expect(Object.keys(out).sort()).toEqual(['decision', 'id', 'reason', 'rules']);
    expect(out.decision).toBe('deny');
    expect(out.rules[0]).toMatchObject({ id: 'fs.rm-recursive-root', decision: 'deny' });
    expect(lastDecision()).toMatchObject({ id: out.id, session: 'agent-7' });
    const allowed = await ask({ request: { kind: 'argv', argv: ['ls', '-l'] } });
    expect(allowed.exitCode).toBe(0);
    expect(JSON.parse(allowed.stdout).decision).toBe('allow');
    const asked = await ask({ request: { kind: 'http', method: 'post', url: 'https://api.example.com/x' } });
    expect(asked.exitCode).toBe(75);
    expect(lastDecision().actions[0]).toMatchObject({ method: 'POST', host: 'api.example.com' });
  });

  it('a copy or move is decided as the write of its target too, as cp and mv are (copy into nomos config or ~/.ssh was allowed)', async () => {
    sb.write('work/x', 'x');
    for (const op of ['copy', 'move']) {
      for (const target of [`${sb.home}/.config/nomos/config.yaml`, `${sb.home}/.ssh/authorized_keys`]) {
        const reply = await ask({ request: { kind: 'file', op, path: 'x', target } });
        expect([op, target, JSON.parse(reply.stdout).decision]).toEqual([op, target, 'deny']);
        expect(lastDecision().actions).toContainEqual(expect.objectContaining({ op: 'write', path: target }));
      }
    }
    expect(lastDecision().actions).toContainEqual(expect.objectContaining({ op: 'delete', path: `${sb.cwd}/x` }));
  });

  it.each([
    [{ request: { kind: 'teleport' } }, 'request.kind must be one of shell, argv, file, http, mcp (got "teleport")'],
    [{ request: { kind: 'file', op: 'read' } }, 'request.path must be a non-empty string'],
    [{ request: { kind: 'argv', argv: [] } }, 'request.argv must be a non-empty array of strings'],
    [[1, 2], 'hook input must be a JSON object'],
  ])('refuses malformed requests: %j', async (body, why) => {
    const reply = await ask(body);
    expect(reply.exitCode).toBe(77);
    expect(JSON.parse(reply.stdout)).toEqual({ decision: 'deny', reason: `nomos: denied: could not decide (${why})`, rules: [] });
  });
});
