// Node's internal bindings under child_process and net, for the two things an agent's calls
// pay for on every action: starting the approved command (process_wrap) and talking to the
// daemon over its Unix socket (pipe_wrap, stream_wrap). The public modules over them load
// Node's whole stream stack first: about 8 ms for child_process and 5 ms for net here, each
// more than a tenth of `node -e 0` (README "Development", `npm run bench`).
//
// A binding is used only when it has the shape this code was written and tested against
// (test/execute/child.test.ts, test/daemon/pipe.test.ts run both ways); anything else, a
// Node that renamed or dropped it, the permission model (--experimental-permission), or
// NOMOS_NODE_BINDINGS=off, takes the public module, which does the same thing more slowly.

/** A child process handle (process_wrap's Process), as child_process drives it. */
export interface ProcessHandle {
  spawn(options: Record<string, unknown>): number;
  kill(signal: number): number;
  close(): void;
  pid?: number;
  onexit?: (exitCode: number, signalCode: string) => void;
}

/** A stream handle (pipe_wrap's Pipe), as net drives it. */
export interface PipeHandle {
  connect(request: object, path: string): number;
  readStart(): number;
  writeUtf8String(request: object, text: string): number;
  shutdown(request: object): number;
  close(): void;
  onread?: (buffer: ArrayBuffer | undefined) => void;
}

export interface ProcessBinding {
  Process: new () => ProcessHandle;
}

export interface PipeBinding {
  Pipe: new (type: number) => PipeHandle;
  PipeConnectWrap: new () => { oncomplete?: (status: number) => void; address?: string };
  socketType: number;
  WriteWrap: new () => { oncomplete?: (status: number) => void; handle?: PipeHandle };
  ShutdownWrap: new () => { oncomplete?: (status: number) => void; handle?: PipeHandle };
  /** Set by each read: the byte count (or a negative errno, -4095 at the end), and the data's offset. */
  readState: Int32Array;
  readBytes: number;
  readOffset: number;
}

/** The end of a stream, as libuv reports it in a read (UV_EOF). */
export const UV_EOF = -4095;

/** An internal binding, or undefined where it cannot be had without a warning or an error. */
function binding(name: string): Record<string, unknown> | undefined {
  // Deprecated in the docs (DEP0111), left out of @types/node.
  const get = (process as { binding?: (name: string) => unknown }).binding;
  if (process.env.NOMOS_NODE_BINDINGS === 'off' || typeof get !== 'function') return undefined;
  // --pending-deprecation makes process.binding() warn on stderr (DEP0111): not for this.
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    return get.call(process, name) as Record<string, unknown>;
  } catch {
    return undefined;
  } finally {
    process.noDeprecation = quiet;
  }
}

const isFunction = (value: unknown): boolean => typeof value === 'function';

/** process_wrap, when it is the one child_process drives; else undefined (use child_process). */
export function processBinding(): ProcessBinding | undefined {
  if (process.platform === 'win32') return undefined;
  const b = binding('process_wrap');
  const proto = (b?.Process as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  if (!proto || !isFunction(proto.spawn) || !isFunction(proto.kill) || !isFunction(proto.close)) return undefined;
  return b as unknown as ProcessBinding;
}

/** pipe_wrap and stream_wrap, when they are the ones net drives; else undefined (use net). */
export function pipeBinding(): PipeBinding | undefined {
  if (process.platform === 'win32') return undefined;
  const pipe = binding('pipe_wrap');
  const stream = binding('stream_wrap');
  if (!pipe || !stream) return undefined;
  const proto = (pipe.Pipe as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  const constants = pipe.constants as { SOCKET?: unknown } | undefined;
  const readState = stream.streamBaseState;
  const fits = proto && ['connect', 'readStart', 'writeUtf8String', 'shutdown', 'close'].every((m) => isFunction(proto[m]))
    && isFunction(pipe.PipeConnectWrap) && isFunction(stream.WriteWrap) && isFunction(stream.ShutdownWrap)
    && typeof constants?.SOCKET === 'number' && readState instanceof Int32Array
    && typeof stream.kReadBytesOrError === 'number' && typeof stream.kArrayBufferOffset === 'number';
  if (!fits) return undefined;
  return {
    Pipe: pipe.Pipe as PipeBinding['Pipe'],
    PipeConnectWrap: pipe.PipeConnectWrap as PipeBinding['PipeConnectWrap'],
    socketType: constants.SOCKET as number,
    WriteWrap: stream.WriteWrap as PipeBinding['WriteWrap'],
    ShutdownWrap: stream.ShutdownWrap as PipeBinding['ShutdownWrap'],
    readState,
    readBytes: stream.kReadBytesOrError as number,
    readOffset: stream.kArrayBufferOffset as number,
  };
}
