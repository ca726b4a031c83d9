import { describe, expect, it } from 'vitest';
import { TtySessions } from '../../agent/runner/tty-sessions.js';

function terminal() {
  const seen: string[] = [];
  return {
    seen,
    write: (data: Buffer) => void seen.push(`keys:${data.toString()}`),
    resize: async (rows: number, cols: number) => void seen.push(`size:${rows}x${cols}`),
    close: () => undefined,
  };
}

describe('TtySessions', () => {
  it('routes keys and sizes to the one-off they name', () => {
    const ttys = new TtySessions();
    const a = terminal();
    const b = terminal();
    ttys.register('a', a);
    ttys.register('b', b);
    ttys.deliver({ oneOffId: 'a', data: Buffer.from('ls\r'), rows: 0, cols: 0 });
    ttys.deliver({ oneOffId: 'b', data: Buffer.alloc(0), rows: 50, cols: 132 });
    expect(a.seen).toEqual(['keys:ls\r']);
    expect(b.seen).toEqual(['size:50x132']);
  });

  it('keeps what came before the terminal was attached, and applies it then', () => {
    const ttys = new TtySessions();
    ttys.deliver({ oneOffId: 'a', data: Buffer.alloc(0), rows: 24, cols: 80 });
    ttys.deliver({ oneOffId: 'a', data: Buffer.from('x'), rows: 0, cols: 0 });
    const a = terminal();
    ttys.register('a', a);
    expect(a.seen).toEqual(['size:24x80', 'keys:x']);
  });

  it('after it is unregistered, input is no longer its', () => {
    const ttys = new TtySessions();
    const a = terminal();
    const unregister = ttys.register('a', a);
    unregister();
    ttys.deliver({ oneOffId: 'a', data: Buffer.from('late'), rows: 0, cols: 0 });
    expect(a.seen).toEqual([]);
  });

  it('keeps a bounded amount for terminals that never come', () => {
    const ttys = new TtySessions();
    for (let i = 0; i < 150; i++) ttys.deliver({ oneOffId: `o${i}`, data: Buffer.alloc(70 * 1024), rows: 0, cols: 0 });
    for (let i = 0; i < 150; i++) ttys.deliver({ oneOffId: `p${i}`, data: Buffer.from('k'), rows: 0, cols: 0 });
    const first = terminal();
    ttys.register('p0', first);
    const last = terminal();
    ttys.register('p149', last);
    // 70 KiB is over the bound: nothing kept for o*; only the newest 100 one-offs are kept.
    expect(first.seen).toEqual([]);
    expect(last.seen).toEqual(['keys:k']);
  });
});
