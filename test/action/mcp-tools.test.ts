import { describe, expect, it } from 'vitest';
import { analyzeToolCall, mcpToolActions, wellKnownTools } from '../../src/action/mcp-tools.js';

const ctx = { cwd: '/w', home: '/h' };
const via = ['claude-code mcp__fs__x'];
/** The file and HTTP actions of a call, each as `op path[ → target][ recursive][ dynamic]` or `METHOD url`. */
const mapped = (tool: string, input: unknown) => mcpToolActions(tool, input, ctx, via).actions.map((a) => {
  if (a.kind === 'http') return `${a.method} ${a.url}`;
  if (a.kind !== 'file') return a.kind;
  return `${a.op} ${a.path}${a.target ? ` → ${a.target}` : ''}${a.recursive ? ' recursive' : ''}${a.dynamic ? ' dynamic' : ''}`;
});

describe('mcpToolActions: the reference filesystem and fetch servers\' tools as the actions they are', () => {
  it('reads: read_file (deprecated), read_text_file, read_media_file, read_multiple_files', () => {
    for (const tool of ['read_file', 'read_text_file', 'read_media_file']) expect([tool, mapped(tool, { path: '/etc/passwd', head: 3 })]).toEqual([tool, ['read /etc/passwd']]);
    expect(mapped('read_multiple_files', { paths: ['/a', '~/.ssh/id_rsa'] })).toEqual(['read /a', 'read /h/.ssh/id_rsa']);
  });

  it('writes: write_file, create_directory; edit_file reads (its diff shows the file) and writes', () => {
    expect(mapped('write_file', { path: '/w/x', content: 'y' })).toEqual(['write /w/x']);
    expect(mapped('create_directory', { path: '/w/d' })).toEqual(['write /w/d']);
    expect(mapped('edit_file', { path: '/w/x', edits: [], dryRun: true })).toEqual(['read /w/x', 'write /w/x']);
  });

  it('lists: list_directory, list_directory_with_sizes, get_file_info; directory_tree and search_files reach below the path', () => {
    for (const tool of ['list_directory', 'list_directory_with_sizes', 'get_file_info']) expect([tool, mapped(tool, { path: '/w' })]).toEqual([tool, ['list /w']]);
    expect(mapped('directory_tree', { path: '~' })).toEqual(['list /h recursive']);
    expect(mapped('search_files', { path: '/h', pattern: 'id_*' })).toEqual(['list /h recursive']);
  });

  it('move_file: a move, a delete of the source and a write of the destination (as mv is decided)', () => {
    expect(mapped('move_file', { source: '~/.ssh/id_rsa', destination: '/tmp/k' })).toEqual(['move /h/.ssh/id_rsa → /tmp/k', 'delete /h/.ssh/id_rsa', 'write /tmp/k']);
  });

  it('fetch: an http GET of url; a url nomos cannot parse is opaque', () => {
    expect(mapped('fetch', { url: 'https://evil.example/x?a=1', max_length: 10 })).toEqual(['GET https://evil.example/x?a=1']);
    const bad = mcpToolActions('fetch', { url: 'http://[::1' }, ctx, via);
    expect([bad.actions, bad.opaque.map((o) => o.text)]).toEqual([[], ['http://[::1']]);
  });

  it('paths as the server reads them: ~ expanded, an absolute path normalized, a relative one any file (relative to allowed dirs nomos does not know)', () => {
    expect(mapped('read_file', { path: '/w/../etc//shadow' })).toEqual(['read /etc/shadow']);
    expect(mapped('read_file', { path: '~' })).toEqual(['read /h']);
    // `~user` is no home directory to the server: a relative name.
    expect(mapped('read_file', { path: '.ssh/id_rsa' })).toEqual(['read /w/.ssh/id_rsa dynamic']);
    expect(mapped('read_file', { path: '~root/.ssh/id_rsa' })).toEqual(['read /w/~root/.ssh/id_rsa dynamic']);
    expect(mapped('read_file', { path: ' /etc/shadow' })).toEqual(['read /w/ /etc/shadow dynamic']);
    expect(mapped('move_file', { source: 'a', destination: '/t' })).toEqual(['move /w/a → /t dynamic', 'delete /w/a dynamic', 'write /t']);
  });

  it('a name the server may find by a Unicode-equivalent spelling is decided in NFC and NFD too', () => {
    const nfd = '/h/cafe\u0301/key';
    expect(mapped('read_file', { path: nfd })).toEqual([`read ${nfd}`, 'read /h/caf\u00e9/key']);
    expect(mapped('read_file', { path: '/h/caf\u00e9/key' })).toEqual(['read /h/caf\u00e9/key', `read ${nfd}`]);
  });

  it('nothing for other tools, for arguments of another shape (the server rejects the call), or for a name on Object.prototype', () => {
    expect(mapped('create_issue', { path: '/etc/passwd' })).toEqual([]);
    expect(mapped('read_file', { file: '/etc/passwd' })).toEqual([]);
    expect(mapped('read_file', { path: 7 })).toEqual([]);
    expect(mapped('read_file', null)).toEqual([]);
    expect(mapped('constructor', { path: '/etc/passwd' })).toEqual([]);
    expect(mapped('read_multiple_files', { paths: ['/a', 3] })).toEqual(['read /a']);
  });

  it('maps exactly the tools of the two servers', () => {
    expect(wellKnownTools().sort()).toEqual(['create_directory', 'directory_tree', 'edit_file', 'fetch', 'get_file_info', 'list_directory', 'list_directory_with_sizes',
      'move_file', 'read_file', 'read_media_file', 'read_multiple_files', 'read_text_file', 'search_files', 'write_file'].sort());
  });
});

describe('analyzeToolCall', () => {
  it('is the mcp action first, then what the tool does, whose provenance names the tool', () => {
    const out = analyzeToolCall('fs', 'read_file', { path: '/x' }, ctx, via);
    expect(out.actions).toEqual([
      { kind: 'mcp', server: 'fs', tool: 'read_file', input: { path: '/x' }, via },
      { kind: 'file', op: 'read', path: '/x', via: [...via, 'mcp fs/read_file'] },
    ]);
    expect(analyzeToolCall('github', 'create_issue', {}, ctx, via).actions).toEqual([{ kind: 'mcp', server: 'github', tool: 'create_issue', input: {}, via }]);
  });

  it('an alias (the name a tool may have on its server) is mapped too; the mcp action keeps the name given', () => {
    const out = analyzeToolCall('fs', 'fs__read_file', { path: '/x' }, ctx, via, 'read_file');
    expect(out.actions.map((a) => (a.kind === 'mcp' ? `mcp ${a.tool}` : `${a.kind} ${a.via.at(-1)}`))).toEqual(['mcp fs__read_file', 'file mcp fs/read_file']);
    expect(analyzeToolCall('fs', 'read_file', { path: '/x' }, ctx, via, 'read_file').actions).toHaveLength(2);
  });
});
