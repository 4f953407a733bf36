import { readFileSync } from 'node:fs';
import { os } from './builtins.js';

/** This process's user as the system knows it (no environment variable changes it): name and home. */
export interface PasswdUser {
  name: string | undefined;
  home: string | undefined;
}

let user: PasswdUser | undefined;

/**
 * This process's uid's entry, read once per process: /etc/passwd, as getpwuid finds a local user,
 * without loading node:os (~30 KB and a user-database lookup on every hook and exec); else
 * os.userInfo's (NSS: LDAP, systemd-homed …); else nothing (no entry: some containers).
 */
export function passwdUser(): PasswdUser {
  return (user ??= lookUp());
}

function lookUp(): PasswdUser {
  const uid = process.getuid?.();
  if (uid !== undefined) {
    try {
      const id = String(uid);
      const lines = readFileSync('/etc/passwd', 'utf8').split('\n');
      for (let i = 0; i < lines.length; i++) {
        const fields = lines[i]!.split(':');
        if (fields[2] === id && fields[0]) return { name: fields[0], home: fields[5] || undefined };
      }
    } catch {
      // no /etc/passwd: the user database answers
    }
  }
  try {
    const info = os().userInfo();
    return { name: info.username || undefined, home: info.homedir || undefined };
  } catch {
    return { name: undefined, home: undefined };
  }
}
