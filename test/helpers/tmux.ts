import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/** A private tmux server (its own -L socket) for real-terminal tests. */
export interface Tmux {
  /** Starts a window running `command` (a shell string) in a fixed-size terminal. */
  open(name: string, command: string): void;
  keys(name: string, ...keys: string[]): void;
  /** Types text literally (no key-name lookup). */
  type(name: string, text: string): void;
  screen(name: string): string;
  /** The screen with the lines scrolled off its top. */
  history(name: string): string;
  /** Polls the screen until it contains `text`; fails with the last screen at the deadline. */
  waitForScreen(name: string, text: string, timeoutMs?: number): Promise<string>;
  kill(): void;
}

/** Whether tmux is installed (CI installs it; the tests say so rather than pass silently). */
export const HAVE_TMUX = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export function startTmux(): Tmux {
  const socket = `nomos-test-${process.pid}-${randomBytes(3).toString('hex')}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  // An idle first window keeps the server up; windows stay (dead) after their command ends, for capture.
  tmux('new-session', '-d', '-s', 't', '-n', 'idle', '-x', '100', '-y', '45', 'sleep 600');
  tmux('set-option', '-g', 'remain-on-exit', 'on');
  const self: Tmux = {
    open(name, command) {
      tmux('new-window', '-d', '-t', 't', '-n', name, command);
    },
    keys: (name, ...keys) => void tmux('send-keys', '-t', `t:${name}`, ...keys),
    type: (name, text) => void tmux('send-keys', '-t', `t:${name}`, '-l', text),
    screen: (name) => tmux('capture-pane', '-p', '-t', `t:${name}`),
    history: (name) => tmux('capture-pane', '-p', '-S', '-', '-t', `t:${name}`),
    async waitForScreen(name, text, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const screen = self.screen(name);
        if (screen.includes(text)) return screen;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)} in tmux window ${name}; screen:\n${screen}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    kill() {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
  return self;
}

/** Polls until a file exists (the end marker a tmux command writes). */
export async function waitForFile(path: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${path}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
