// Node's CommonJS wrapper, which dist/hot.cjs carries in the file itself: src/cli/hot/launch.ts
// compiles the file as read, so no concatenated copy of the bundle is made at start-up.
export const HOT_HEAD = '(function (exports, require, module, __filename, __dirname) {';
export const HOT_TAIL = '});';

/** `body` (a CommonJS module's source) as the launcher expects dist/hot.cjs. */
export const wrapHot = (body) => `${HOT_HEAD}\n${body}\n${HOT_TAIL}\n`;
