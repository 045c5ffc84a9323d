// Whether the big screen shows the API's figures, as the soak bench and the e2e test check it: each figure on the
// page names the summary field it shows (`data-figure`, e.g. "alarms.active") and carries its exact number
// (`data-value`); both are compared with GET /api/ioc/summary.
import type { Page } from 'playwright-core';

/** The figures on `page` that differ from the API's summary now, and how many were compared. */
export async function screenFiguresAgainstApi(page: Page): Promise<{ compared: number; differ: string[] }> {
  const summary = (await (await page.request.get('/api/ioc/summary')).json()) as Record<
    string,
    Record<string, unknown>
  >;
  const shown = await page
    .locator('[data-figure]')
    .evaluateAll((elements) =>
      elements.map((e) => [e.getAttribute('data-figure')!, e.getAttribute('data-value') ?? ''] as const),
    );
  const differ: string[] = [];
  for (const [figure, value] of shown) {
    const [panel, key] = figure.split('.');
    const expected = summary[panel!]?.[key!];
    if (String(expected ?? '') !== value) differ.push(`${figure} shows ${value}, the API says ${expected}`);
  }
  return { compared: shown.length, differ };
}
