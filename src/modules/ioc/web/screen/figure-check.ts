// Whether the screen shows the API's figures: the e2e test and the soak bench read each figure's exact number
// (`data-value`) off the page and compare it with GET /api/ioc/summary. Pure, so both use the same rule.
import type { PanelName } from '../../contract.ts';

/** The headline figures above the map (`kpi-<key>`), each one of a panel's figures. */
export const kpiFigures: Record<string, [PanelName, string]> = {
  people: ['registries', 'people'],
  recordsToday: ['data', 'recordsToday'],
  callsToday: ['sharing', 'callsToday'],
  active: ['alarms', 'active'],
  today: ['cases', 'today'],
};

/** The elements that carry a figure: the panels' (`figure-<panel>-<key>`) and the headline ones. */
export const figureSelector = '[data-testid^="figure-"], [data-testid^="kpi-"]';

/**
 * The figures shown (test id and `data-value`) that differ from the summary, and how many were compared; figures
 * the screen works out itself (rates of two figures) are not in the summary and are left out.
 */
export function figuresAgainst(
  summary: Record<string, unknown>,
  shown: readonly (readonly [string, string | null])[],
): { compared: number; differ: string[] } {
  let compared = 0;
  const differ: string[] = [];
  for (const [testId, value] of shown) {
    const [kind, ...name] = testId.split('-');
    const [panel, key] = kind === 'kpi' ? (kpiFigures[name[0]!] ?? []) : name;
    const expected = (summary[panel ?? ''] as Record<string, unknown> | undefined)?.[key ?? ''];
    if (typeof expected !== 'number' && expected !== null) continue;
    compared++;
    if (String(expected ?? '') !== (value ?? ''))
      differ.push(`${testId} shows ${value}, the API says ${expected}`);
  }
  return { compared, differ };
}
