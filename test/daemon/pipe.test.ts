import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { pipeBinding } from '../../src/bindings.js';
import { bothWays } from '../helpers/bindings.js';
import { connectSocket, type LineSocket } from '../../src/daemon/pipe.js';

// The daemon client's socket goes through pipe_wrap where it can and net where it cannot
// (src/bindings.ts). Each case runs both ways against a real Unix socket server.

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A server at a fresh path that hands each connection to `onConnection`. */
async function serve(onConnection: (socket: Socket) => void): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'nomos-pipe-')), 's.sock');
  server = createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('error', () => {}); // a client that went away (the destroy case): nothing to do
    onConnection(socket);
  });
  await new Promise((resolve) => server!.listen(path, () => resolve(undefined)));
  return path;
}

/** Everything the client heard, in order, until its end or error. */
function talk(path: string, start: (socket: LineSocket) => void, onData?: (text: string, socket: LineSocket) => void): Promise<{ heard: string[]; how: 'end' | 'error' }> {
  return new Promise((resolve) => {
    const heard: string[] = [];
    const socket: LineSocket = connectSocket(path, {
      data: (text) => {
        heard.push(text);
        onData?.(text, socket);
      },
      end: () => resolve({ heard, how: 'end' }),
      error: () => resolve({ heard, how: 'error' }),
    });
    start(socket);
  });
}

bothWays('the client socket', { binding: 'pipe_wrap', public: 'net' }, pipeBinding, (way) => {
  it('sends a request, ends its side, and reads the reply in whole lines, a character split across writes included', async () => {
    let request = '';
    const path = await serve((s) => {
      s.on('data', (d) => (request += d));
      s.on('end', () => {
        const reply = Buffer.from(`{"got":${JSON.stringify(request)}}\n{"last":"é€"}`);
        const cut = reply.indexOf(Buffer.from('€')) + 1; // inside the three bytes of €
        s.write(reply.subarray(0, cut));
        setTimeout(() => s.end(reply.subarray(cut)), 30);
      });
    });
    const r = await talk(path, (socket) => socket.end('{"q":"ü"}\n'));
    expect(r.how).toBe('end');
    expect(r.heard.join('')).toBe('{"got":"{\\"q\\":\\"ü\\"}\\n"}\n{"last":"é€"}');
    if (way === 'binding') expect(r.heard.every((t, i) => i === r.heard.length - 1 || t.endsWith('\n'))).toBe(true);
  });

  it('answers a message mid-conversation, as an exec reports how its command ended', async () => {
    const path = await serve((s) => {
      let seen = '';
      s.on('data', (d) => {
        seen += d;
        if (seen === 'call\n') s.write('run\n');
        if (seen === 'call\nreport\n') s.end('done\n');
      });
    });
    const r = await talk(path, (socket) => socket.write('call\n'), (text, socket) => {
      if (text.includes('run')) socket.write('report\n');
    });
    expect(r).toEqual({ heard: expect.arrayContaining(['run\n']), how: 'end' });
    expect(r.heard.join('')).toBe('run\ndone\n');
  });

  it('reports an error, not an end, when no one listens at the path', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nomos-pipe-')), 'none.sock');
    expect(await talk(path, (socket) => socket.end('x\n'))).toEqual({ heard: [], how: 'error' });
  });

  it('says nothing more once destroyed', async () => {
    const path = await serve((s) => s.on('data', () => setTimeout(() => s.end('late\n'), 50)));
    const heard: string[] = [];
    const socket = connectSocket(path, { data: (t) => heard.push(t), end: () => heard.push('end'), error: () => heard.push('error') });
    socket.write('x\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(heard).toEqual([]);
  });
});
