import { parseArgs, type OptionSpec } from '../flags.js';
import { table } from '../table.js';
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

/**
 * GNU tar's options that take a value (the next word, or the rest of a short cluster); its flags
 * name what prefixes expand to. Made when a tar command is read: most calls have none.
 */
const tarSpec = (): OptionSpec => ({
  shortValues: TAR_SHORT_VALUES,
  longFlags: ['--create', '--append', '--update', '--extract', '--get', '--list', '--diff', '--compare', '--delete', '--catenate', '--concatenate',
    '--remove-files', '--no-recursion', '--recursion', '--gzip', '--gunzip', '--bzip2', '--xz', '--lzma', '--zstd', '--compress', '--verbose',
    '--dereference', '--absolute-names', '--null', '--totals', '--sparse', '--verify', '--wildcards', '--anchored', '--ignore-case', '--preserve-permissions',
    // Their values come only with `=`: the next word is a member.
    '--backup', '--occurrence'],
  longValues: ['--file', '--directory', '--files-from', '--exclude-from', '--exclude', '--blocking-factor', '--format', '--use-compress-program',
    '--to-command', '--info-script', '--new-volume-script', '--rsh-command', '--checkpoint-action', '--listed-incremental', '--label',
    '--newer', '--after-date', '--newer-mtime', '--owner', '--group', '--mode', '--mtime', '--transform', '--xform', '--suffix', '--tape-length',
    '--starting-file', '--volno-file', '--index-file', '--warning', '--strip-components', '--record-size', '--sort'],
});

/** tar's short options that take a value. */
const TAR_SHORT_VALUES = 'bCfFgHIKLNTVX';

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

/** Variables archivers read more options from: any value may delete, read or run anything (`TAR_OPTIONS='--remove-files -C ~'`). */
const OPTION_VARIABLES = table<string, string[]>({ tar: ['TAR_OPTIONS'], gtar: ['TAR_OPTIONS'], zip: ['ZIPOPT', 'ZIP'] });

/** Why an archiver reads files nomos cannot name (a list of names from a file or the input), or takes options nomos does not read. */
export function archiveOpaque(action: ExecAction): string | undefined {
  const words = action.argv.slice(1);
  const variable = (OPTION_VARIABLES[action.program] ?? []).find((name) => Object.hasOwn(action.env, name) || action.dynamicEnv?.includes(name));
  if (variable) return `${action.program} reads options from ${variable}, which nomos does not analyse`;
  if (action.program === 'tar' || action.program === 'gtar' || action.program === 'bsdtar') {
    const tar = tarOptions(action.argv);
    if (tar.adds && tar.options.some((o) => o.name === '-T' || o.name === '--files-from')) return `${action.program} archives files named in a list nomos does not read`;
  }
  if (action.program === 'zip' && words.some((w) => /^-[A-Za-z]*@/.test(w) || w === '--names-stdin')) return 'zip archives files named on its input';
  if (SEVEN_ZIP.has(action.program) && sevenZipFiles(action.argv) !== undefined && words.some((w) => /^(?:@|-[ix]r?[-0]?@)/i.test(w))) return `${action.program} archives files named in a list nomos does not read`;
  return undefined;
}

const SEVEN_ZIP = new Set(['7z', '7za', '7zr', '7zz']);

/**
 * The argv indices of words that are patterns of names to leave out (`tar --exclude=.env`,
 * `zip -r a.zip . -x .env`): not files, so not named as files either.
 */
export function archivePatterns(action: ExecAction): Set<number> {
  const out = new Set<number>();
  if (action.program === 'tar' || action.program === 'gtar' || action.program === 'bsdtar') {
    for (const o of tarOptions(action.argv).options) if (o.name === '--exclude' && o.valueIndex !== undefined) out.add(o.valueIndex);
  }
  if (action.program === 'zip') for (const i of zipPatterns(action.argv.slice(1))) out.add(i);
  return out;
}

/** Words after zip's -x/-i (or --exclude/--include) up to the next option: patterns (argv indices). */
function zipPatterns(words: string[]): Set<number> {
  const patterns = new Set<number>();
  for (let i = 0, inList = false; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) inList = /^-(?:x|i|-exclude|-include)$/.test(w);
    else if (inList) patterns.add(i + 1);
  }
  return patterns;
}

/** tar's options in argv order, old-style letters first, with argv indices; and whether they put files into an archive. */
function tarOptions(argv: string[]): { options: { name: string; value?: string; valueIndex?: number }[]; positionals: { value: string; index: number }[]; adds: boolean } {
  // Old style: a first word of bundled letters (`tar czf x.tgz dir`), whose values follow in order.
  const words = argv.slice(1);
  let start = 1;
  const options: { name: string; value?: string; valueIndex?: number }[] = [];
  if (words[0] !== undefined && /^[A-Za-z]+$/.test(words[0])) {
    start = 2;
    for (const ch of words[0]) {
      const valueIndex = TAR_SHORT_VALUES.includes(ch) ? start++ : undefined;
      options.push({ name: `-${ch}`, ...(valueIndex !== undefined ? { value: argv[valueIndex], valueIndex } : {}) });
    }
  }
  const spec = tarSpec();
  const parsed = parseArgs(argv.slice(start), spec);
  for (const o of parsed.options) options.push({ name: o.name, ...(o.value !== undefined ? { value: o.value, valueIndex: o.valueIndex! + start } : {}) });
  const adds = options.some((o) => TAR_ADDS.has(o.name.replace(/^-(?!-)/, '')) || TAR_ADDS.has(o.name));
  return { options, positionals: parsed.positionals.map((p) => ({ value: p.value, index: p.index + start })), adds };
}

function tarFiles(argv: string[]): ArchiveFile[] | undefined {
  const { options, positionals, adds } = tarOptions(argv);
  if (!adds) return undefined;
  const names = options.map((o) => o.name);
  const recursive = !names.includes('--no-recursion');
  const removes = names.includes('--remove-files');
  const out: ArchiveFile[] = [];
  for (const o of options) {
    if (o.value === undefined || o.valueIndex === undefined) continue;
    if ((o.name === '-f' || o.name === '--file') && o.value !== '-') out.push({ op: 'write', path: o.value, index: o.valueIndex });
    if (o.name === '-X' || o.name === '--exclude-from') out.push({ op: 'read', path: o.value, index: o.valueIndex });
  }
  // Members resolve from the -C options before them, each relative to the one before (`tar cf x.tar -C ~/.ssh -C . id_rsa`).
  const dirs = options.filter((o) => (o.name === '-C' || o.name === '--directory') && o.value !== undefined && o.valueIndex !== undefined);
  for (const p of positionals) {
    let path = p.value;
    let dirIndex: number | undefined;
    for (const d of dirs.filter((d) => d.valueIndex! < p.index).reverse()) {
      if (path.startsWith('/')) break;
      path = `${d.value!.replace(/\/+$/, '') || '/'}/${path}`;
      dirIndex ??= d.valueIndex;
    }
    const at = { path, index: p.index, ...(dirIndex !== undefined ? { dirIndex } : {}), ...(recursive ? { recursive: true } : {}) };
    out.push({ op: 'read', ...at });
    // --remove-files deletes what it archived.
    if (removes) out.push({ op: 'delete', ...at });
  }
  return out;
}

/** zip's options that take the next word; -x/-i take every word up to the next option (patterns). */
const ZIP: OptionSpec = { shortValues: 'bnOPsZt', longValues: ['--temp-path', '--suffixes', '--output-file', '--password', '--split-size', '--compression-method', '--unzip-command'] };

/** zip's two-letter options (`-dd` dots, `-du`, `-sf`, `-tt DATE`, `-lf FILE` …): not clusters of one-letter ones. */
const ZIP_PAIRS = /^-(?:d[a-z]|s[a-zA-Z]|t[t]|l[a-z]|A[CS]|F[FS]|MM|nw|ic|ws)$/;
const ZIP_PAIR_VALUES = new Set(['-ds', '-tt', '-lf', '-sp']);

function zipFiles(argv: string[]): ArchiveFile[] | undefined {
  const words = argv.slice(1);
  const patterns = zipPatterns(words);
  // Two-letter options (and a value some take) are set aside before the one-letter ones are parsed.
  const pairs = new Set<number>();
  words.forEach((w, i) => {
    if (!ZIP_PAIRS.test(w)) return;
    pairs.add(i);
    if (ZIP_PAIR_VALUES.has(w)) pairs.add(i + 1);
  });
  const parsed = parseArgs(words.map((w, i) => (pairs.has(i) ? '-' : w)), ZIP);
  const names = parsed.options.map((o) => o.name);
  if (words.some((w) => w === '-d' || w === '--delete')) return undefined;
  const recursive = names.some((n) => n === '-r' || n === '-R' || n === '--recurse-paths' || n === '--recurse-patterns');
  const moves = names.some((n) => n === '-m' || n === '--move');
  const positionals = parsed.positionals.filter((p) => !patterns.has(p.index + 1) && !pairs.has(p.index));
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

/**
 * 7-Zip: `7z a|u ARCHIVE FILES…` (switches are `-x…` words, their values attached); directories
 * are read whole, `-i!path` / `-ir!path` name files too, and `-sdel` deletes what was archived.
 */
function sevenZipFiles(argv: string[]): ArchiveFile[] | undefined {
  const words = argv.map((w, index) => ({ w, index })).slice(1);
  const positionals = words.filter(({ w }) => !w.startsWith('-'));
  const [command, archive, ...members] = positionals;
  // 7-Zip reads its commands and switches in either case (`7z A`, `-SDEL`, `-I!`).
  if (!command || !['a', 'u'].includes(command.w.toLowerCase()) || !archive) return undefined;
  const included = words.flatMap(({ w, index }) => {
    const m = /^-ir?[-0]?!(.+)$/i.exec(w);
    return m ? [{ w: m[1]!, index }] : [];
  });
  const removes = words.some(({ w }) => w.toLowerCase() === '-sdel');
  return [
    { op: 'write', path: archive.w, index: archive.index },
    ...[...members, ...included].flatMap((m): ArchiveFile[] => [
      { op: 'read', path: m.w, index: m.index, recursive: true },
      ...(removes ? [{ op: 'delete' as const, path: m.w, index: m.index, recursive: true }] : []),
    ]),
  ];
}
