// The client's end of the daemon's Unix socket: net.connect's, or the same through pipe_wrap
// where that can be had (src/bindings.ts), without net's stream stack (~5 ms of every call).
import { pipeBinding, UV_EOF, type PipeBinding } from '../bindings.js';
import { net } from '../builtins.js';

/** What the socket says: text (whole lines through the binding), its end, or an error (then nothing more). */
export interface SocketEvents {
  data(text: string): void;
  end(): void;
  error(): void;
}

export interface LineSocket {
  write(text: string): void;
  /** Writes the last text and closes the writing side. */
  end(text: string): void;
  /** Closes it at once; nothing more is said. */
  destroy(): void;
}

/** Connects to the socket at `path`; events come after this returns. */
export function connectSocket(path: string, on: SocketEvents): LineSocket {
  const binding = pipeBinding();
  if (binding) return connectWrapped(binding, path, on);
  const socket = net().connect(path);
  socket.setEncoding('utf8');
  socket.on('data', on.data);
  socket.on('error', on.error);
  socket.on('end', on.end);
  return { write: (text) => void socket.write(text), end: (text) => void socket.end(text), destroy: () => void socket.destroy() };
}

/** What net does for connect, write, end and read on a Unix socket, in the order net does it. */
function connectWrapped(b: PipeBinding, path: string, on: SocketEvents): LineSocket {
  const handle = new b.Pipe(b.socketType);
  let closed = false;
  let connected = false;
  // Written before the connection was made: sent once it is (net queues them the same way).
  const pending: Array<{ text: string; end: boolean }> = [];
  let partial: Buffer | undefined;
  const close = () => {
    if (closed) return;
    closed = true;
    handle.close();
  };
  const fail = () => {
    if (closed) return;
    close();
    on.error();
  };
  // libuv holds a request until it completes; a write done at once says nothing more.
  const request = <T extends { oncomplete?: (status: number) => void; handle?: unknown }>(r: T): T => {
    r.handle = handle;
    r.oncomplete = (status) => {
      if (status < 0) fail();
    };
    return r;
  };
  const send = (text: string, end: boolean) => {
    if (closed) return;
    if (!connected) {
      pending.push({ text, end });
      return;
    }
    if (handle.writeUtf8String(request(new b.WriteWrap()), text) < 0) return fail();
    if (end && handle.shutdown(request(new b.ShutdownWrap())) < 0) fail();
  };
  handle.onread = (buffer) => {
    if (closed) return;
    const n = b.readState[b.readBytes]!;
    if (n > 0 && buffer) {
      const chunk = Buffer.from(buffer, b.readState[b.readOffset], n);
      const data = partial ? Buffer.concat([partial, chunk]) : chunk;
      // Whole lines only: a character split between reads is decoded once it is all here.
      const last = data.lastIndexOf(10);
      partial = last === data.length - 1 ? undefined : Buffer.from(data.subarray(last + 1));
      if (last >= 0) on.data(data.toString('utf8', 0, last + 1));
      return;
    }
    if (n === 0) return;
    if (n !== UV_EOF) return fail();
    close();
    if (partial) on.data(partial.toString('utf8'));
    on.end();
  };
  const connect = new b.PipeConnectWrap();
  connect.address = path;
  connect.oncomplete = (status) => {
    if (closed) return;
    if (status < 0 || handle.readStart() < 0) return fail();
    connected = true;
    for (const { text, end } of pending.splice(0)) send(text, end);
  };
  const errno = handle.connect(connect, path);
  if (errno < 0) queueMicrotask(fail);
  return { write: (text) => send(text, false), end: (text) => send(text, true), destroy: close };
}
