/**
 * Replaces `restore-cursor` in the bundle. The original writes `ESC[?25h` to process.stderr
 * at exit, and stderr is the agent's: the prompt renders on /dev/tty and ink shows the
 * cursor there itself when it unmounts.
 */
export default function restoreCursor(): void {}
