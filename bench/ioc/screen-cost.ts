// What connected screens cost the server: its process's CPU (from /proc/<pid>/stat), resident memory (VmRSS of
// /proc/<pid>/status, sampled every 500 ms and averaged) and JS heap after a full garbage collection (through the
// server's inspector, which the bench opens on a port of its own) over an interval, with a number of plain clients
// of the screen's stream (GET /api/ioc/stream), each with a session of its own, connected meanwhile.
import fs from 'node:fs';
import { cpuSeconds } from '../iot/cpu.ts';
import { signIn } from '../iot/server.ts';
import { type EventStream, subscribeEvents } from '../iot/sse.ts';

/** The resident memory of process `pid` in KB (0 when it is gone). */
export function rssKb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * The JS heap in use (bytes) of the Node process whose inspector listens on `port`, after a full garbage
 * collection: what the process holds, without the garbage RSS also counts.
 */
export async function heapAfterGc(port: number): Promise<number> {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  const replies = new Map<number, (result: Record<string, unknown>) => void>();
  socket.onmessage = (message) => {
    const reply = JSON.parse(String(message.data)) as { id?: number; result?: Record<string, unknown> };
    if (reply.id !== undefined) replies.get(reply.id)?.(reply.result ?? {});
  };
  let id = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      replies.set(++id, resolve);
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    return Number((await call('Runtime.getHeapUsage')).usedSize);
  } finally {
    socket.close();
  }
}

/**
 * What an interval measured: CPU ms per wall second, RSS (mean, lowest, highest), the heap after GC at its end,
 * and the events the clients received.
 */
export type Interval = {
  screens: number;
  cpuMsPerS: number;
  rssKb: number;
  rssRangeKb: [number, number];
  heapBytes: number;
  events: number;
  seconds: number;
};

/**
 * Measures the server process `pid` (its inspector on `inspectPort`) for `seconds`; `events()` says how many events
 * the clients have received.
 */
export async function measureInterval(
  server: { pid: number; inspectPort: number },
  seconds: number,
  screens: number,
  events: () => number,
): Promise<Interval> {
  const { pid } = server;
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssKb(pid)), 500);
  const cpuBefore = cpuSeconds(pid);
  const eventsBefore = events();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const wall = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const cpuAfter = cpuSeconds(pid);
  const eventsAfter = events();
  return {
    screens,
    cpuMsPerS: ((cpuAfter - cpuBefore) * 1000) / wall,
    rssKb: samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length),
    rssRangeKb: [Math.min(...samples), Math.max(...samples)],
    // After the interval's CPU is read: a full collection is work the screens did not make.
    heapBytes: await heapAfterGc(server.inspectPort),
    events: eventsAfter - eventsBefore,
    seconds: wall,
  };
}

/** `count` sessions of the administrator, one a screen (signing in is not what a connected screen costs). */
export async function signInScreens(base: string, count: number, password: string): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) cookies.push(await signIn(base, 'admin', password));
  return cookies;
}

/**
 * A screen for each session, loading what the screen's page loads (summary, trends, map, feed) and then holding its
 * stream open, ten at a time as a wall powered on together would; `events` counts what the streams have received.
 */
export async function connectScreens(base: string, cookies: string[]) {
  let events = 0;
  const connect = async (cookie: string) => {
    for (const url of ['/api/ioc/summary', '/api/ioc/trends', '/api/ioc/map', '/api/ioc/feed']) {
      const res = await fetch(`${base}${url}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
    return subscribeEvents(base, cookie, '/api/ioc/stream', () => {
      events++;
    });
  };
  const streams: EventStream[] = [];
  for (let i = 0; i < cookies.length; i += 10)
    streams.push(...(await Promise.all(cookies.slice(i, i + 10).map(connect))));
  return {
    events: () => events,
    close: () => Promise.all(streams.map((s) => s.close())),
  };
}
