// Test support for the screen's tests: its live stream read over real HTTP, event by event.
import type { ScreenEvent } from '../contract.ts';

/** An open stream: `next` resolves to the next event that matches (skipping the others), `close` hangs up. */
export type ScreenStream = Awaited<ReturnType<typeof openScreenStream>>;

/** Opens GET /api/ioc/stream at `base` with the session cookie; the answer's status and headers are in `res`. */
export async function openScreenStream(base: string, cookie: string | null) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/ioc/stream`, {
    headers: cookie ? { cookie } : {},
    signal: abort.signal,
  });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  /** The stream's text as it came (the first frames, `retry:` included, are checked as text). */
  let text = '';
  const events: ScreenEvent[] = [];
  let ended = false;

  async function fill() {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) ended = true;
    buffer += value ?? '';
    text += value ?? '';
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data !== undefined) events.push(JSON.parse(data) as ScreenEvent);
      cut = buffer.indexOf('\n\n');
    }
  }

  return {
    res,
    text: () => text,
    /** The first event not taken yet that matches `test` (events arrive in no set order across panels). */
    async next<E extends ScreenEvent = ScreenEvent>(test: (event: ScreenEvent) => boolean): Promise<E> {
      for (;;) {
        const i = events.findIndex(test);
        if (i >= 0) return events.splice(i, 1)[0]! as E;
        if (ended) throw new Error('the stream ended');
        await fill();
      }
    },
    /** Resolves once the server ends the stream. */
    async ended() {
      while (!ended) await fill();
    },
    close: () => abort.abort(),
  };
}

/** Matches a panel event of `panel` whose data passes `test`. */
export function panelWhere<P extends Extract<ScreenEvent, { type: 'panel' }>['panel']>(
  panel: P,
  test: (data: any) => boolean = () => true,
) {
  return (e: ScreenEvent) => e.type === 'panel' && e.panel === panel && test(e.data);
}
