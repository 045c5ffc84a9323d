/**
 * 水利局's water-level stations on the 湘江, the 沩水, the 八曲河 and 马桥河 and the district's lakes, and their
 * readings for the days before the demo's today (late June: the flood season, a flood wave passing down each
 * river). Levels are elevations in metres; station codes are 8 digits like hydrological station codes, with
 * the demo's own numbers.
 */
import { dateOfDay, dayNumber } from './days.ts';
import type { Random } from './random.ts';

/** A station: its code, name, water, usual level and warning level (metres). */
export type WaterStation = { code: string; name: string; river: string; usual: number; warning: number };

/** One reading. */
export type WaterReading = { station: WaterStation; observedAt: string; level: string };

// Name, water, usual level in late June, warning level. The 湘江 falls downstream (月亮岛 to 乔口).
const stations: readonly (readonly [string, string, number, number])[] = [
  ['月亮岛站', '湘江', 33.9, 36.0],
  ['高塘岭站', '湘江', 33.7, 35.8],
  ['丁字湾站', '湘江', 33.6, 35.7],
  ['书堂山站', '湘江', 33.5, 35.6],
  ['铜官站', '湘江', 33.3, 35.4],
  ['靖港站', '湘江', 33.2, 35.3],
  ['乔口站', '湘江', 33.0, 35.1],
  ['乌山站', '沩水', 36.8, 39.5],
  ['黄金园站', '沩水', 35.9, 38.5],
  ['新康站', '沩水', 34.6, 37.0],
  ['沩水河口站', '沩水', 33.8, 36.0],
  ['白箬铺站', '八曲河', 44.2, 46.5],
  ['八曲河站', '八曲河', 41.5, 43.8],
  ['茶亭站', '八曲河', 39.8, 42.0],
  ['马桥河站', '马桥河', 34.1, 36.2],
  ['白沙洲站', '马桥河', 33.8, 35.9],
  ['团头湖站', '团头湖', 31.6, 33.5],
  ['千龙湖站', '千龙湖', 31.2, 33.0],
  ['大泽湖站', '大泽湖', 32.1, 33.8],
  ['斑马湖站', '斑马湖', 32.4, 34.0],
];

// How high a flood wave rises over the usual level at most, and how fast the water answers it, by water:
// the 湘江 is wide and slow, the small rivers rise and fall quickly, the lakes hardly move.
const response: Record<string, { rise: number; pull: number; noise: number }> = {
  湘江: { rise: 1.6, pull: 0.15, noise: 0.02 },
  沩水: { rise: 2.0, pull: 0.3, noise: 0.03 },
  八曲河: { rise: 1.8, pull: 0.4, noise: 0.03 },
  马桥河: { rise: 1.5, pull: 0.35, noise: 0.03 },
};
const lake = { rise: 0.6, pull: 0.1, noise: 0.01 };

/** The district's water-level stations (20). */
export const waterStations: readonly WaterStation[] = stations.map(([name, river, usual, warning], i) => ({
  code: `6110${String(2101 + i * 7).padStart(4, '0')}`,
  name,
  river,
  usual,
  warning,
}));

/**
 * Calls `emit` with each station's readings, `perDay` a day at even hours from 00:00, for the `days` days up
 * to and including `asOf`, station after station. Each river carries one flood wave per 20 days or so, the
 * same for its stations and a little later downstream.
 */
export async function generateWaterLevels(
  random: Random,
  asOf: string,
  days: number,
  perDay: number,
  emit: (reading: WaterReading) => Promise<void>,
): Promise<number> {
  // More than one reading an hour would repeat an observation time (with the station, the key).
  if (!Number.isInteger(perDay) || perDay < 1 || perDay > 24)
    throw new Error(`readingsPerDay must be a whole number from 1 to 24, not ${perDay}`);
  const steps = days * perDay;
  const hoursApart = 24 / perDay;
  const firstDay = dayNumber(asOf) - days + 1;
  const waves = new Map<string, { crest: number; width: number; height: number }[]>();
  for (const river of new Set(waterStations.map((s) => s.river))) {
    const shape = response[river] ?? lake;
    waves.set(
      river,
      Array.from({ length: Math.max(1, Math.round(days / 20)) }, () => ({
        crest: random.next() * steps,
        width: Math.max(2, steps * (0.1 + random.next() * 0.15)),
        height: shape.rise * (0.3 + random.next() * 0.7),
      })),
    );
  }
  let written = 0;
  for (const [i, station] of waterStations.entries()) {
    const shape = response[station.river] ?? lake;
    const stationWaves = waves.get(station.river)!;
    const lag = (i % 7) * 0.02 * steps; // the waves pass a downstream station later
    // The highest wave at the time, not their sum: waves that meet must not carry the water past the warning level.
    const target = (step: number) =>
      station.usual +
      stationWaves.reduce(
        (high, w) => Math.max(high, w.height * Math.exp(-(((step - w.crest - lag) / w.width) ** 2))),
        0,
      );
    let level = target(0) + random.normal() * shape.noise * 3;
    for (let step = 0; step < steps; step++) {
      level += (target(step) - level) * shape.pull + random.normal() * shape.noise;
      const hour = Math.floor((step % perDay) * hoursApart);
      const day = dateOfDay(firstDay + Math.floor(step / perDay));
      await emit({
        station,
        observedAt: `${day} ${String(hour).padStart(2, '0')}:00:00`,
        level: level.toFixed(2),
      });
      written++;
    }
  }
  return written;
}
