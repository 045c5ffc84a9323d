// Clients of the server's event streams as a console or screen holds them: the alarm stream (GET
// /api/iot/alarms/stream) the console's alarm page receives, and any other server-sent-events route.

/** An alarm as the stream pushes it (the fields the bench and tests read). */
export type PushedAlarm = { id: number; deviceCode: string; caseNumber: string | null; status: string };

/** An open stream: `close()` ends it. */
export type EventStream = { close(): Promise<void> };

/**
 * Opens the server-sent-events stream at `url` with a signed-in session's cookie; calls `onEvent` with each event's
 * name ('message' unless it names one) and data as soon as its chunk arrives. Resolves once the server has answered
 * (the subscription is in place).
 */
export async function subscribeEvents(
  base: string,
  cookie: string,
  url: string,
  onEvent: (event: string, data: string) => void,
): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(`${base}${url}`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const reading = (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      // Events end with a blank line; a chunk may hold several, or part of one.
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        if (data.length) onEvent(event, data.join('\n'));
      }
    }
  })().catch((error: Error) => {
    if (error.name !== 'AbortError') console.warn(`${url} ended: ${error.message}`);
  });
  return {
    async close() {
      abort.abort();
      await reading;
    },
  };
}

/**
 * Subscribes to the alarm stream with a signed-in session's cookie; calls `onAlarm` with each `alarm` event and the
 * time it arrived (performance.now()). Resolves once the subscription is in place.
 */
export function subscribeAlarms(
  base: string,
  cookie: string,
  onAlarm: (alarm: PushedAlarm, at: number) => void,
): Promise<EventStream> {
  return subscribeEvents(base, cookie, '/api/iot/alarms/stream', (event, data) => {
    if (event === 'alarm') onAlarm(JSON.parse(data) as PushedAlarm, performance.now());
  });
}
