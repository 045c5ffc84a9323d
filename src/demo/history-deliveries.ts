/**
 * The departments' deliveries over the history's month, after their first full files: 公安's nightly export of the
 * households it touched (now and then a mistyped ID number the check digit gives away), 市场监管's entities on
 * working days (a wrong credit code now and then), 水利局's readings of the day before every morning, 民政's
 * registrations on Mondays and 住建局's site list on Fridays. Each is a file like the first one, loaded through the
 * ingest service dated when it was received.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openFile } from '../modules/ingest/index.ts';
import { createCsvWriter, createXlsxWriter, type DemoFileSpec, demoFileSpecs } from './demo-files.ts';
import { withWrongCreditCheck, withWrongIdCheck } from './faults.ts';
import { chinaDayOf, chinaMidnight, DAY, type HistoryWindow, HOUR } from './history-window.ts';
import { createRandom, type Random } from './random.ts';
import { type WaterStation, waterStations } from './water-levels.ts';

/** One delivery of the month: which resource, when it was received, and its rows. */
export type Delivery = { spec: DemoFileSpec; day: string; at: Date; rows: string[][] };

/** Rows of a first full file a department may send again: the key (first column) appears once in it. */
export type RowPool = { headers: string[]; rows: string[][] };

type Schedule = {
  spec: DemoFileSpec;
  /** Whether it delivers on a day (0 Sunday … 6 Saturday). */
  on: (weekday: number) => boolean;
  /** When in the day (China hours). */
  hours: [number, number];
  /** Rows a delivery sends again (before the scale's factor); all: the whole list. */
  rows: [number, number] | 'all';
  /** A row with a key the ingest rejects: how often, and how it is mistyped. */
  fault?: { chance: number; mistype: (key: string, random: Random) => string };
};

const schedules: Schedule[] = [
  {
    spec: demoFileSpecs.household,
    on: () => true,
    hours: [1.5, 3],
    rows: [15, 35],
    fault: { chance: 0.6, mistype: (id, random) => (id.length === 18 ? withWrongIdCheck(id, random) : id) },
  },
  {
    spec: demoFileSpecs.entities,
    on: (d) => d >= 1 && d <= 5,
    hours: [16.5, 18.5],
    rows: [4, 12],
    fault: { chance: 0.4, mistype: (code, random) => withWrongCreditCheck(code, random) },
  },
  { spec: demoFileSpecs.marriage, on: (d) => d === 1, hours: [9.5, 11], rows: [8, 20] },
  { spec: demoFileSpecs.constructionSites, on: (d) => d === 5, hours: [15, 17], rows: 'all' },
];

/** The file specs whose rows a delivery sends again. */
export const pooledSpecs = schedules.map((s) => s.spec);

/**
 * Up to `keep` rows of a generated file whose key appears once in it (a key given twice with other values would
 * change what the registry holds), drawn evenly with the seed.
 */
export async function rowPool(file: string, random: Random, keep = 3000): Promise<RowPool> {
  const source = await openFile(file);
  const seen = new Map<string, number>();
  const kept: string[][] = [];
  let n = 0;
  for await (const batch of source.batches)
    for (const row of batch) {
      const key = row[0] ?? '';
      seen.set(key, (seen.get(key) ?? 0) + 1);
      n++;
      // Reservoir sampling: each row kept with the same chance, whatever the file's length.
      if (kept.length < keep) kept.push(row);
      else if (random.below(n) < keep) kept[random.below(keep)] = row;
    }
  return { headers: source.headers, rows: kept.filter((row) => seen.get(row[0] ?? '') === 1) };
}

/** A station's reading at an instant, as its telemetry history has it (null: none). */
export type StationLevel = (station: WaterStation, at: number) => number | null;

/**
 * The deliveries of the window's days up to now, oldest first. `pools` holds the rows each department sends again,
 * `readingsPerDay` how often 水利局's stations are read in its file, `factor` how many rows a delivery holds.
 */
export function planDeliveries(args: {
  seed: number;
  window: HistoryWindow;
  pools: Map<string, RowPool>;
  levelAt: StationLevel;
  readingsPerDay: number;
  factor: number;
}): Delivery[] {
  const now = args.window.now.getTime();
  const out: Delivery[] = [];
  for (const day of args.window.days) {
    const midnight = chinaMidnight(day).getTime();
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    for (const s of schedules) {
      const pool = args.pools.get(s.spec.alias);
      if (!pool?.rows.length || !s.on(weekday)) continue;
      const random = createRandom(args.seed, `deliveries:${s.spec.alias}:${day}`);
      const at = midnight + (s.hours[0] + random.next() * (s.hours[1] - s.hours[0])) * HOUR;
      if (at > now) continue;
      let rows: string[][];
      if (s.rows === 'all') rows = pool.rows;
      else {
        const count = Math.round((s.rows[0] + random.next() * (s.rows[1] - s.rows[0])) * args.factor);
        rows = Array.from({ length: Math.min(count, pool.rows.length) }, () => random.pick(pool.rows));
        rows = [...new Map(rows.map((r) => [r[0], r])).values()];
      }
      if (s.fault && random.chance(s.fault.chance)) {
        const row = [...random.pick(pool.rows)];
        row[0] = s.fault.mistype(row[0]!, random);
        rows = [...rows, row];
      }
      out.push({ spec: s.spec, day, at: new Date(Math.round(at / 1000) * 1000), rows });
    }
    // 水利局: the day before's readings of every station, each morning.
    const random = createRandom(args.seed, `deliveries:slj_water_level:${day}`);
    const at = midnight + (7.5 + random.next()) * HOUR;
    if (at <= now) {
      const rows: string[][] = [];
      const before = chinaDayOf(midnight - DAY);
      for (const station of waterStations)
        for (let i = 0; i < args.readingsPerDay; i++) {
          const hour = Math.floor((i * 24) / args.readingsPerDay);
          const level = args.levelAt(station, midnight - DAY + hour * HOUR);
          if (level === null) continue;
          const observed = `${before} ${String(hour).padStart(2, '0')}:00:00`;
          rows.push([
            station.code,
            station.name,
            station.river,
            observed,
            level.toFixed(2),
            station.warning.toFixed(2),
          ]);
        }
      if (rows.length)
        out.push({ spec: demoFileSpecs.waterLevels, day, at: new Date(Math.round(at / 1000) * 1000), rows });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Writes a delivery's file under `dir` as its department writes them; returns its path. */
export async function writeDelivery(dir: string, d: Delivery, headers: string[]): Promise<string> {
  await fs.promises.mkdir(dir, { recursive: true });
  const ext = path.extname(d.spec.fileName);
  const file = path.join(dir, `${path.basename(d.spec.fileName, ext)}-${d.day}${ext}`);
  if (d.spec.format === 'xlsx') {
    const writer = createXlsxWriter(file, '婚姻登记信息', headers, d.at, '望城区民政局');
    for (const row of d.rows) writer.row(row);
    await writer.close();
  } else {
    const writer = createCsvWriter(file, headers, d.spec.encoding === 'gbk' ? 'gbk' : 'utf-8');
    for (const row of d.rows) await writer.row(row);
    await writer.close();
  }
  return file;
}
