import type { OptionSpec } from '../flags.js';
import { table } from '../table.js';

/**
 * How known programs read their options, so that option values are not mistaken for
 * paths or URLs and long-option prefixes (`rm --rec --fo`) normalize to full names.
 * An option listed as taking a value hides the word after it: one whose value is optional
 * (`--backup[=CONTROL]`, `--color[=WHEN]`) belongs in longFlags (`=` still gives its value).
 */
export const OPTION_SPECS = table<string, OptionSpec>({
  // Bash builtins that set variables (src/action/shell/flows.ts): their options end at the first other word.
  read: { shortValues: 'adinNptu', stopAtPositional: true },
  mapfile: { shortValues: 'dnOsuCc', stopAtPositional: true },
  readarray: { shortValues: 'dnOsuCc', stopAtPositional: true },
  printf: { shortValues: 'v', stopAtPositional: true },
  // `-I[FMT]`, `--iso-8601[=FMT]`; -s/--set (and a `MMDDhhmm` word) set the system clock.
  date: { shortValues: 'dfrs', shortOptional: 'I', longValues: ['--date', '--file', '--reference', '--set', '--rfc-3339'], longFlags: ['--iso-8601', '--debug', '--utc', '--universal', '--rfc-email', '--resolution'] },
  // xxd's options with a value (-c 16, -s 0x10 …); its long spellings (-cols) are single-dash words.
  xxd: { shortValues: 'cglosn' },
  rm: { longFlags: ['--recursive', '--force', '--interactive', '--dir', '--verbose', '--one-file-system', '--no-preserve-root', '--preserve-root'] },
  rmdir: { longFlags: ['--parents', '--verbose', '--ignore-fail-on-non-empty'] },
  shred: { shortValues: 'ns', longValues: ['--iterations', '--size', '--random-source'], longFlags: ['--force', '--exact', '--zero', '--verbose', '--remove'] },
  cp: { shortValues: 'tS', longValues: ['--target-directory', '--suffix', '--no-preserve', '--sparse'], longFlags: ['--backup', '--preserve', '--reflink', '--recursive', '--force', '--archive', '--no-clobber', '--update', '--verbose', '--interactive', '--link', '--symbolic-link', '--parents', '--no-target-directory', '--remove-destination'] },
  mv: { shortValues: 'tS', longValues: ['--target-directory', '--suffix'], longFlags: ['--backup', '--force', '--no-clobber', '--update', '--verbose', '--interactive', '--no-target-directory', '--strip-trailing-slashes'] },
  // `-e[EOF]`, `-i[R]`, `-l[N]` (and their long forms) take no value from the next word: `xargs -i rm …` runs rm.
  // BSD and macOS xargs: -J REPLSTR, -R and -S take a value too (GNU rejects them).
  xargs: {
    shortValues: 'adEILnPsJRS', shortOptional: 'eil', stopAtPositional: true, digitOptions: true,
    longValues: ['--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'], longFlags: ['--eof', '--replace', '--max-lines'],
  },
  // GNU install: -T is --no-target-directory (a flag), -t DIR the target directory.
  install: { shortValues: 'tSmog', longValues: ['--target-directory', '--suffix', '--mode', '--owner', '--group', '--strip-program'], longFlags: ['--backup', '--compare', '--directory', '--preserve-timestamps', '--strip', '--verbose', '--no-target-directory', '--context', '--debug', '--preserve-context'] },
  ln: { shortValues: 'tS', longValues: ['--target-directory', '--suffix'], longFlags: ['--backup', '--symbolic', '--force', '--no-dereference', '--relative', '--verbose', '--interactive', '--logical', '--physical', '--no-target-directory'] },
  head: { shortValues: 'nc', longValues: ['--lines', '--bytes'], longFlags: ['--quiet', '--silent', '--verbose', '--zero-terminated'] },
  tail: { shortValues: 'ncs', longValues: ['--lines', '--bytes', '--sleep-interval', '--pid', '--max-unchanged-stats'], longFlags: ['--follow', '--retry', '--quiet', '--verbose'] },
  truncate: { shortValues: 'sr', longValues: ['--size', '--reference'], longFlags: ['--no-create', '--io-blocks'] },
  mkdir: { shortValues: 'm', longValues: ['--mode'], longFlags: ['--parents', '--verbose', '--context'] },
  touch: { shortValues: 'rdt', longValues: ['--reference', '--date', '--time'], longFlags: ['--no-create', '--no-dereference'] },
  tee: { longFlags: ['--append', '--ignore-interrupts', '--output-error'] },
  chmod: { longValues: ['--reference'], longFlags: ['--recursive', '--verbose', '--changes', '--silent', '--quiet', '--preserve-root', '--no-preserve-root'] },
  chown: { longValues: ['--reference', '--from'], longFlags: ['--recursive', '--verbose', '--changes', '--silent', '--quiet', '--dereference', '--no-dereference', '--preserve-root'] },
  chgrp: { longValues: ['--reference'], longFlags: ['--recursive', '--verbose', '--changes'] },
  cat: { longFlags: ['--show-all', '--number', '--number-nonblank', '--show-ends', '--squeeze-blank', '--show-tabs', '--show-nonprinting'] },
  less: { shortValues: 'bhjkoOpPtTxyz', longValues: ['--pattern', '--tag', '--log-file', '--prompt'] },
  // `-1` (one name a line) clusters like any option: `ls -1tr` lists `.`, it names no file `-1tr`.
  ls: { shortValues: 'IwT', digitOptions: true, longValues: ['--ignore', '--width', '--tabsize', '--format', '--sort', '--time', '--hide', '--block-size', '--indicator-style', '--quoting-style', '--time-style'], longFlags: ['--color', '--classify', '--hyperlink'] },
  grep: { shortValues: 'efmABCdD', longValues: ['--regexp', '--file', '--max-count', '--after-context', '--before-context', '--context', '--include', '--exclude', '--exclude-dir', '--label'], longFlags: ['--color', '--colour'] },
  curl: {
    shortValues: 'XHdFoubcAeTxmwKEkrCYyzQt', digitOptions: true,
    longValues: ['--request', '--header', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '--json', '--form', '--form-string', '--output', '--user', '--user-agent', '--referer', '--cookie', '--cookie-jar', '--upload-file', '--url', '--proxy', '--max-time', '--connect-timeout', '--write-out', '--config', '--cert', '--key', '--cacert', '--range', '--continue-at', '--retry', '--resolve', '--connect-to', '--output-dir', '--oauth2-bearer', '--limit-rate', '--interface', '--dns-servers'],
    longFlags: ['--silent', '--show-error', '--location', '--insecure', '--fail', '--head', '--get', '--include', '--verbose', '--compressed', '--remote-name', '--remote-name-all', '--create-dirs', '--globoff'],
  },
  wget: {
    shortValues: 'OoaPUeitTQlABDIXRw', digitOptions: true,
    // Only options that take a value: a flag listed here would hide the word after it (`wget -U -O --body-file=~/.ssh/id_rsa`).
    longValues: ['--output-document', '--output-file', '--append-output', '--directory-prefix', '--user-agent', '--execute', '--input-file', '--tries', '--timeout', '--quota', '--level', '--header', '--method', '--body-data', '--body-file', '--post-data', '--post-file', '--user', '--password', '--load-cookies', '--save-cookies', '--accept', '--reject', '--domains', '--include-directories', '--exclude-directories', '--wait',
      '--config', '--certificate', '--private-key', '--ca-certificate', '--ca-directory', '--certificate-type', '--private-key-type', '--secure-protocol', '--referer', '--http-user', '--http-password', '--proxy-user', '--proxy-password', '--bind-address', '--limit-rate', '--restrict-file-names', '--default-page', '--local-encoding', '--remote-encoding', '--base', '--waitretry', '--dns-timeout', '--connect-timeout', '--read-timeout', '--progress', '--cut-dirs', '--rejected-log', '--regex-type', '--accept-regex', '--reject-regex', '--warc-file', '--use-askpass'],
    longFlags: ['--quiet', '--verbose', '--continue', '--recursive', '--mirror', '--no-check-certificate', '--spider', '--no-verbose', '--timestamping', '--no-clobber', '--page-requisites', '--convert-links', '--no-parent'],
  },
  // Network clients' -4/-6 (curl's -0 to -3, scp's -3, sftp's -1) are options, not the host or a file.
  ssh: { shortValues: 'BbcDEeFIiJLlmOoPpQRSWw', stopAtPositional: true, digitOptions: true },
  // mosh 1.4 (Getopt::Long: options anywhere before `--`, long names abbreviated): the host, then the command's words.
  mosh: {
    shortValues: 'p', longValues: ['--client', '--server', '--predict', '--port', '--family', '--ssh', '--bind-server', '--experimental-remote-ip'],
    longFlags: ['--predict-overwrite', '--no-predict-overwrite', '--ssh-pty', '--no-ssh-pty', '--init', '--no-init', '--local', '--help', '--version', '--fake-proxy', '--no-fake-proxy'],
  },
  scp: { shortValues: 'cDFiJloPS', longFlags: [], digitOptions: true },
  // OpenSSH 9 sftp (getopt `1246AafhNpqrvB:b:c:D:F:i:J:l:o:P:R:S:s:X:`).
  sftp: { shortValues: 'BbcDFiJloPRSsX', stopAtPositional: true, digitOptions: true },
  rsync: {
    exactLong: true, digitOptions: true,
    shortValues: 'eBfTM',
    longValues: ['--rsh', '--rsync-path', '--exclude', '--include', '--exclude-from', '--include-from', '--files-from', '--filter', '--block-size', '--backup-dir', '--suffix', '--temp-dir', '--compare-dest', '--copy-dest', '--link-dest', '--chmod', '--chown', '--password-file', '--log-file', '--port', '--timeout', '--bwlimit', '--max-size', '--min-size', '--partial-dir',
      '--write-batch', '--only-write-batch', '--read-batch', '--log-file-format', '--out-format', '--usermap', '--groupmap', '--info', '--debug', '--sockopts', '--address', '--contimeout', '--stop-after', '--stop-at', '--max-alloc', '--iconv', '--checksum-choice', '--compress-choice', '--compress-level', '--skip-compress', '--modify-window', '--outbuf', '--remote-option'],
    longFlags: ['--archive', '--recursive', '--verbose', '--delete', '--delete-before', '--delete-after', '--delete-excluded', '--remove-source-files', '--dry-run', '--compress', '--progress', '--partial', '--checksum', '--update', '--links', '--perms', '--times', '--human-readable', '--quiet', '--force'],
  },
  // -o FILE: traditional netcat's hex dump, ncat's output (`--output`); ncat's -x/--hex-dump FILE.
  nc: { shortValues: 'iOopqsTVwXxIe', digitOptions: true, longValues: ['--output', '--hex-dump', '--exec', '--sh-exec', '--lua-exec', '--proxy', '--proxy-type', '--proxy-auth', '--source', '--wait', '--idle-timeout'], stopAtPositional: false },
  telnet: { shortValues: 'beklnSX' },
  git: { shortValues: 'Cc', longValues: ['--git-dir', '--work-tree', '--namespace', '--super-prefix', '--config-env', '--exec-path', '--list-cmds'], stopAtPositional: true },
});
