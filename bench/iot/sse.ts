// A console client of the alarm stream (GET /api/iot/alarms/stream): what the console's alarm page receives.

/** An alarm as the stream pushes it (the fields the bench and tests read). */
export type PushedAlarm = { id: number; deviceCode: string; caseNumber: string | null; status: string };

/**
 * Subscribes to the alarm stream with a signed-in session's cookie; calls `onAlarm` with each `alarm` event and the
 * time it arrived. Resolves once the server has answered (the subscription is in place); `close()` ends it.
 */
export async function subscribeAlarms(
  base: string,
  cookie: string,
  onAlarm: (alarm: PushedAlarm, at: number) => void,
) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/iot/alarms/stream`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`alarm stream: ${res.status} ${await res.text()}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const reading = (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const at = performance.now();
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
        if (event === 'alarm' && data.length) onAlarm(JSON.parse(data.join('\n')) as PushedAlarm, at);
      }
    }
  })().catch((error: Error) => {
    if (error.name !== 'AbortError') console.warn(`alarm stream ended: ${error.message}`);
  });
  return {
    async close() {
      abort.abort();
      await reading;
    },
  };
}
