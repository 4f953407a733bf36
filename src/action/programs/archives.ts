import { parseArgs, type OptionSpec } from '../flags.js';
import type { ExecAction, FileOp } from '../types.js';

/**
 * A file an archiver touches: the op, the path as written, the argv index of the word it came
 * from (and of the `-C` directory it is below, for tar), and whether it reaches every file below it.
 */
export interface ArchiveFile {
  op: FileOp;
  path: string;
  index: number;
  dirIndex?: number;
  recursive?: boolean;
}

/** GNU tar's options that take a value (the next word, or the rest of a short cluster). */
const TAR: OptionSpec = {
  shortValues: 'bCfFgHIKLNTVX',
  longValues: ['--file', '--directory', '--files-from', '--exclude-from', '--exclude', '--blocking-factor', '--format', '--use-compress-program',
    '--to-command', '--info-script', '--new-volume-script', '--rsh-command', '--checkpoint-action', '--listed-incremental', '--label',
    '--newer', '--after-date', '--newer-mtime', '--owner', '--group', '--mode', '--mtime', '--transform', '--xform', '--suffix', '--tape-length',
    '--starting-file', '--volno-file', '--index-file', '--warning', '--occurrence', '--strip-components', '--backup', '--record-size', '--sort'],
};

/** tar's modes that put files into an archive, short and long. */
const TAR_ADDS = new Set(['c', 'r', 'u', '--create', '--append', '--update']);

/**
 * The files archivers read when they make or add to an archive: every file below each member
 * named (`tar czf x.tgz ~/.ssh`, `tar cf - -C ~ .ssh`, `zip -r x.zip ~`, `7z a x.7z ~/.ssh`), and the
 * archive written. Undefined for other modes (extracting, listing): those words stay named as they are.
 */
export function archiveFiles(action: ExecAction): ArchiveFile[] | undefined {
  switch (action.program) {
    case 'tar': case 'gtar': case 'bsdtar':
      return tarFiles(action.argv);
    case 'zip':
      return zipFiles(action.argv);
    case '7z': case '7za': case '7zr': case '7zz':
      return sevenZipFiles(action.argv);
    default:
      return undefined;
  }
}

/** Why an archiver reads files nomos cannot name: a list of names from a file or the input. */
export function archiveOpaque(action: ExecAction): string | undefined {
  const words = action.argv.slice(1);
  if ((action.program === 'tar' || action.program === 'gtar' || action.program === 'bsdtar') && tarFiles(action.argv) !== undefined) {
    const listed = words.some((w) => /^(?:--files-from(?:=|$)|-[A-Za-z]*T)/.test(w)) || (/^[A-Za-z]+$/.test(words[0] ?? '') && words[0]!.includes('T'));
    if (listed) return `${action.program} archives files named in a list nomos does not read`;
  }
  if (action.program === 'zip' && words.some((w) => /^-[A-Za-z]*@/.test(w) || w === '--names-stdin')) return 'zip archives files named on its input';
  return undefined;
}

function tarFiles(argv: string[]): ArchiveFile[] | undefined {
  // Old style: a first word of bundled letters (`tar czf x.tgz dir`), whose values follow in order.
  const words = argv.slice(1);
  let start = 1;
  const letters: { name: string; valueIndex?: number }[] = [];
  if (words[0] !== undefined && /^[A-Za-z]+$/.test(words[0])) {
    start = 2;
    for (const ch of words[0]) {
      const valueIndex = TAR.shortValues!.includes(ch) ? start++ : undefined;
      letters.push({ name: ch, ...(valueIndex !== undefined ? { valueIndex } : {}) });
    }
  }
  const parsed = parseArgs(argv.slice(start), TAR);
  const options = [
    ...letters.map((l) => ({ name: l.name.length === 1 ? `-${l.name}` : l.name, value: l.valueIndex !== undefined ? argv[l.valueIndex] : undefined, index: 1, valueIndex: l.valueIndex })),
    ...parsed.options.map((o) => ({ ...o, index: o.index + start, ...(o.valueIndex !== undefined ? { valueIndex: o.valueIndex + start } : {}) })),
  ];
  const adds = options.some((o) => TAR_ADDS.has(o.name.replace(/^-(?!-)/, '')) || TAR_ADDS.has(o.name));
  if (!adds) return undefined;
  const recursive = !options.some((o) => o.name === '--no-recursion');
  const out: ArchiveFile[] = [];
  for (const o of options) {
    if ((o.name === '-f' || o.name === '--file') && o.value !== undefined && o.value !== '-' && o.valueIndex !== undefined) out.push({ op: 'write', path: o.value, index: o.valueIndex });
  }
  // Members resolve from the last -C before them (`tar cf x.tar -C ~ .ssh`).
  const dirs = options.filter((o) => (o.name === '-C' || o.name === '--directory') && o.value !== undefined && o.valueIndex !== undefined);
  for (const p of parsed.positionals) {
    const index = p.index + start;
    const dir = dirs.filter((d) => d.valueIndex! < index).at(-1);
    const path = dir && !p.value.startsWith('/') ? `${dir.value!.replace(/\/+$/, '') || '/'}/${p.value}` : p.value;
    out.push({ op: 'read', path, index, ...(dir ? { dirIndex: dir.valueIndex! } : {}), ...(recursive ? { recursive: true } : {}) });
  }
  return out;
}

/** zip's options that take the next word; -x/-i take every word up to the next option (patterns). */
const ZIP: OptionSpec = { shortValues: 'bnOPsZtTU', longValues: ['--temp-path', '--suffixes', '--output-file', '--password', '--split-size', '--compression-method', '--unzip-command'] };

function zipFiles(argv: string[]): ArchiveFile[] | undefined {
  const words = argv.slice(1);
  // Words after -x/-i (or --exclude/--include) up to the next option are patterns, not files.
  const patterns = new Set<number>();
  for (let i = 0, inList = false; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) inList = /^-(?:x|i|-exclude|-include)$/.test(w);
    else if (inList) patterns.add(i + 1);
  }
  const parsed = parseArgs(words, ZIP);
  const names = parsed.options.map((o) => o.name);
  if (names.some((n) => n === '-d' || n === '--delete')) return undefined;
  const recursive = names.some((n) => n === '-r' || n === '-R' || n === '--recurse-paths' || n === '--recurse-patterns');
  const moves = names.some((n) => n === '-m' || n === '--move');
  const positionals = parsed.positionals.filter((p) => !patterns.has(p.index + 1));
  const [archive, ...members] = positionals;
  if (!archive) return undefined;
  return [
    { op: 'write', path: archive.value, index: archive.index + 1 },
    ...members.flatMap((m): ArchiveFile[] => [
      { op: 'read', path: m.value, index: m.index + 1, ...(recursive ? { recursive: true } : {}) },
      // -m deletes what it archived.
      ...(moves ? [{ op: 'delete' as const, path: m.value, index: m.index + 1, ...(recursive ? { recursive: true } : {}) }] : []),
    ]),
  ];
}

/** 7-Zip: `7z a|u ARCHIVE FILES…` (switches are `-x…` words, their values attached); directories are read whole. */
function sevenZipFiles(argv: string[]): ArchiveFile[] | undefined {
  const positionals = argv.map((w, index) => ({ w, index })).slice(1).filter(({ w }) => !w.startsWith('-'));
  const [command, archive, ...members] = positionals;
  if (!command || (command.w !== 'a' && command.w !== 'u') || !archive) return undefined;
  return [{ op: 'write', path: archive.w, index: archive.index }, ...members.map((m): ArchiveFile => ({ op: 'read', path: m.w, index: m.index, recursive: true }))];
}
