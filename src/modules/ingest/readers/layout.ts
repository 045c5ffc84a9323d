/**
 * The layout of a sheet as departments really fill it in: a title row and a unit/date row above the header,
 * a header over one or two rows (户籍地址 merged over 街道/社区/门牌), totals and notes below the data.
 */

import type { SkippedRow, SourceLayout } from '../contract.ts';

/** A row of a sheet with its row number there (1-based; blank rows are not handed over). */
export type SheetRow = { number: number; cells: string[] };

/** An empty layout to be filled as a file is read. */
export function newLayout(): SourceLayout {
  return { headerRows: [], merged: false, sheets: [], skippedRows: [], skippedCount: 0 };
}

/** Notes a skipped row in the layout. */
export function skipRow(layout: SourceLayout, row: SkippedRow) {
  layout.skippedCount++;
  if (layout.skippedRows.length < MAX_LISTED_ROWS) layout.skippedRows.push(row);
}

/** What a skipped row said, as shown back. */
export function rowText(cells: string[]): string {
  const text = cells.filter((c) => c.trim() !== '').join(' ');
  return text.length > 100 ? `${text.slice(0, 100)}…` : text.replaceAll('\0', '');
}

/** How many rows of a sheet are looked at to find its header. */
export const HEAD_ROWS = 30;

// Cells that are numbers or dates, not header text.
const NOT_TEXT = /^[\d\s.,:/+\-年月日Ee]*$/;
const TOTAL = /^(合\s*计|小\s*计|总\s*计|累\s*计)/;
const NOTE = /^(填表人|填报人|制表人|审核人|负责人|联系人|备注|说明|注\s*[：:]|填表说明|填报说明)/;

/** The first characters of totals and notes rows: a row starting otherwise is data, found without reading it. */
export const TRAILER_FIRST = new Set([...'合小总累填制审负联备说注'].map((c) => c.charCodeAt(0)));

/** How many skipped rows are listed (a file with more says so by the count). */
export const MAX_LISTED_ROWS = 500;

const filled = (cells: string[]) => cells.filter((c) => c.trim() !== '');
const isText = (cell: string) => !NOT_TEXT.test(cell.trim());

/** A totals or notes row below the data (its first filled cell says so), or null for a data row. */
export function trailerKind(cells: string[]): 'total' | 'note' | null {
  // Checked on every row loaded: only the first filled cell is looked at.
  for (const cell of cells) {
    const text = cell.trim();
    if (!text) continue;
    if (TOTAL.test(text)) return 'total';
    return NOTE.test(text) ? 'note' : null;
  }
  return null;
}

/** True when `lower` is the second row of a header whose upper row `upper` has cells merged over it. */
function isSubHeader(upper: string[], lower: string[]): boolean {
  const up = filled(upper);
  const low = filled(lower);
  // A unit/date row (填报单位：…) or a title is not a header's upper row.
  if (up.length < 2 || up.some((c) => /[：:]/.test(c)) || low.length === 0 || !low.every(isText))
    return false;
  const width = Math.max(upper.length, lower.length);
  let spanned = false; // a lower cell under an empty upper cell, right of a filled one: the upper cell is merged
  let standing = false; // an upper cell over an empty lower cell: merged down over both rows
  let seenUpper = false;
  for (let c = 0; c < width; c++) {
    const u = (upper[c] ?? '').trim();
    const l = (lower[c] ?? '').trim();
    if (u) seenUpper = true;
    if (!u && l && seenUpper) spanned = true;
    if (u && !l) standing = true;
    if (!u && l && !seenUpper) return false;
  }
  return spanned && standing;
}

/** Column names of a two-row header: a lower cell under a merged upper cell is named 上-下. */
function mergedNames(upper: string[], lower: string[]): string[] {
  const width = Math.max(upper.length, lower.length);
  const names: string[] = [];
  let parent = '';
  for (let c = 0; c < width; c++) {
    const u = (upper[c] ?? '').trim();
    const l = (lower[c] ?? '').trim();
    if (u) parent = u;
    names.push(l ? (parent ? `${parent}-${l}` : l) : u);
    if (!l) parent = '';
  }
  return names;
}

/** A sheet's header found in its first rows: where it is and the column names. */
export type Header = { rows: number[]; merged: boolean; names: string[]; above: SheetRow[] };

/**
 * Finds the header among a sheet's first rows: the row (or two) the user chose, or else the row whose cells most
 * match the resource's items (`known`), mostly filled with text; without any match, the first row of text at
 * least half as wide as the widest. A header found over two rows is used whole. Null when there is none.
 */
export function findHeader(
  head: SheetRow[],
  known: (name: string) => boolean,
  chosen?: number[],
): Header | null {
  let at = -1;
  let count = 1;
  if (chosen?.length) {
    at = head.findIndex((r) => r.number === chosen[0]);
    if (at < 0) return null;
    count = chosen.length > 1 && head[at + 1]?.number === chosen[1] ? 2 : 1;
    if (chosen.length > 1 && count === 1) return null;
  } else {
    const candidates = head.map((row, i) => {
      const cells = filled(row.cells);
      const text = cells.filter(isText).length;
      const ok = cells.length >= 1 && text >= 0.8 * cells.length;
      return { i, ok, width: cells.length, matches: ok ? cells.filter((c) => known(c)).length : 0 };
    });
    // A header has two columns or more, unless the sheet has one column: a title row has one.
    const widest = Math.max(0, ...candidates.map((c) => c.width));
    for (const c of candidates) if (c.width < Math.min(2, widest)) c.ok = false;
    for (const c of candidates) if (!c.ok) c.matches = 0;
    const best = candidates.reduce((a, b) => (b.matches > a.matches ? b : a), candidates[0]!);
    if (best?.matches) at = best.i;
    else {
      at = candidates.find((c) => c.ok && c.width >= widest / 2)?.i ?? -1;
    }
    if (at < 0) return null;
    if (head[at + 1] && isSubHeader(head[at]!.cells, head[at + 1]!.cells)) count = 2;
    else if (at > 0 && isSubHeader(head[at - 1]!.cells, head[at]!.cells)) {
      at -= 1;
      count = 2;
    }
  }
  const upper = head[at]!.cells;
  const names =
    count === 2 ? mergedNames(upper, head[at + 1]!.cells) : upper.map((c) => c.trim().replaceAll('\0', ''));
  return {
    rows: head.slice(at, at + count).map((r) => r.number),
    merged: count === 2,
    names,
    above: head.slice(0, at),
  };
}
