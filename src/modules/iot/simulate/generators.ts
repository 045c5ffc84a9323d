/**
 * What the demo's simulated devices read: for each profile, the values of one device at one moment, a pure
 * function of the device's code, its attributes and the time. Ordinary readings follow the hour of the day in
 * China (UTC+8); rare episodes (a tilted cover, a broken lamp, a flood wave, a dusty site, an overloaded truck)
 * come seldom enough that the whole demo district raises a few alarms an hour, not hundreds.
 */
import { episode, normal, seedOf, smooth, unit } from './noise.ts';

/** One payload of telemetry: key → value, as a device sends it. */
export type Values = Record<string, number | string | boolean>;

/** A simulated device: its code (the seed of its readings) and attributes (a station's levels). */
export type SimDevice = { code: string; attributes?: Record<string, unknown> };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CHINA = 8 * HOUR;

/** GB 1589 gross weight limits (t) by axle count. */
export const grossLimits: Record<number, number> = { 2: 18, 3: 25, 4: 31, 5: 43, 6: 49 };

// Labels: each kind of randomness of a device draws from its own stream.
const L = {
  base: 1,
  tilt: 2,
  tiltSpike: 3,
  water: 4,
  battery: 5,
  lamp: 6,
  broken: 7,
  power: 8,
  pm: 9,
  haze: 10,
  noise: 11,
  level: 12,
  flood: 13,
  rain: 14,
  dust: 15,
  loud: 16,
  truck: 17,
} as const;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** Hours since local midnight in China (0–24). */
const chinaHour = (t: number) => ((((t + CHINA) % DAY) + DAY) % DAY) / HOUR;

const RAIN_SEED = seedOf('district rain');

/**
 * Rain over the district (mm/h): a shower about once a day, one to four hours long, most light, some heavy
 * (over 30 mm/h at their height). The same for every device, so the covers fill together.
 */
export function districtRain(t: number): number {
  const shower = episode(RAIN_SEED, L.rain, t, 6 * HOUR, 0.3, HOUR, 4 * HOUR);
  if (!shower) return 0;
  const peak = 3 + unit(RAIN_SEED, L.rain, shower.index, 3) * 57;
  const shape = Math.sin(Math.PI * shower.progress);
  return Math.max(0, peak * shape * (0.85 + 0.3 * unit(RAIN_SEED, L.rain, Math.floor(t / (5 * MINUTE)))));
}

/** Dusk and dawn in 望城 (hours, China time) on the day of `t`: later dusk in summer. */
export function duskAndDawn(t: number): { dusk: number; dawn: number } {
  const dayOfYear = Math.floor((t + CHINA) / DAY) % 365.25;
  const season = Math.sin((2 * Math.PI * (dayOfYear - 80)) / 365.25);
  return { dusk: 18.6 + 0.8 * season, dawn: 6.3 - 0.7 * season };
}

/** 智慧灯杆: lamp on from dusk to dawn at 80–150 W; rarely a broken lamp (on, under 5 W) for a night. */
export function lamppost(device: SimDevice, t: number): Values {
  const s = seedOf(device.code);
  const hour = chinaHour(t);
  const { dusk, dawn } = duskAndDawn(t);
  const offset = (unit(s, L.lamp) - 0.5) / 3; // photocells differ by ±10 minutes
  const lamp = hour >= dusk + offset || hour < dawn + offset;
  // A night runs from noon to noon: a lamp that broke stays dark all night (about one of 200 a night).
  const night = Math.floor((t + CHINA - 12 * HOUR) / DAY);
  const broken = unit(s, L.broken, night) < 0.005;
  const rated = 80 + unit(s, L.power) * 70;
  const power = !lamp
    ? unit(s, L.power, Math.floor(t / MINUTE)) * 0.5
    : broken
      ? unit(s, L.power, Math.floor(t / MINUTE)) * 3
      : rated * (1 + normal(s, L.power, Math.floor(t / MINUTE)) * 0.015);
  // PM2.5 peaks with the morning and evening traffic; about one lamppost in 100 a day sees a haze episode.
  const base = 25 + unit(s, L.pm) * 20;
  const traffic = Math.exp(-(((hour - 8) / 2) ** 2)) + Math.exp(-(((hour - 19) / 2.5) ** 2));
  let pm25 = base * (0.8 + 0.9 * traffic) + 8 * smooth(s, L.pm, t, 20 * MINUTE);
  const haze = episode(s, L.haze, t, DAY, 0.01, 40 * MINUTE, 2 * HOUR);
  if (haze) pm25 += (130 + 70 * unit(s, L.haze, haze.index, 3)) * Math.sin(Math.PI * haze.progress) ** 0.3;
  const quiet = hour < 6 || hour >= 22;
  const noise = (quiet ? 42 : 58) + 6 * unit(s, L.noise) + 3 * normal(s, L.noise, Math.floor(t / MINUTE));
  return {
    lamp,
    power: round(Math.max(0, power), 1),
    pm25: round(clamp(pm25, 0, 1000), 1),
    noise: round(clamp(noise, 20, 140), 1),
  };
}

/**
 * 智能井盖: tilt 0–3° with a rare knock over 15° (about one cover in 250 an hour, 5–30 minutes), water under the
 * cover rising with the rain (over 80 cm only at the low-lying few in a heavy shower), battery draining slowly
 * and replaced when spent.
 */
export function manhole(device: SimDevice, t: number): Values {
  const s = seedOf(device.code);
  const minute = Math.floor(t / MINUTE);
  let tilt = unit(s, L.tilt) * 2.5 + Math.abs(normal(s, L.tilt, minute)) * 0.15;
  const knock = episode(s, L.tiltSpike, t, HOUR, 0.004, 5 * MINUTE, 30 * MINUTE);
  if (knock) tilt = 16 + unit(s, L.tiltSpike, knock.index, 3) * 50;
  const lowLying = unit(s, L.water) < 0.03;
  const fill = lowLying ? 1.6 + unit(s, L.water, 1) : 0.2 + unit(s, L.water, 1) * 0.6;
  const water = 5 + unit(s, L.water, 2) * 20 + districtRain(t) * fill + normal(s, L.water, minute);
  const days = (t - Date.UTC(2026, 0, 1)) / DAY;
  const drain = 0.1 + unit(s, L.battery) * 0.3;
  const charged = 8 + unit(s, L.battery, 1) * 92;
  const battery = 8 + ((((charged - 8 - drain * days) % 92) + 92) % 92);
  return {
    tilt: round(clamp(tilt, 0, 180), 1),
    water: round(clamp(water, 0, 500), 1),
    battery: round(clamp(battery, 0, 100), 1),
  };
}

/** A station's level attribute, or null when missing or not a number. */
function levelAttr(device: SimDevice, key: string): number | null {
  const value = Number(device.attributes?.[key]);
  return Number.isFinite(value) && device.attributes?.[key] !== null ? value : null;
}

/**
 * 水位站: the level around the station's usual level (about 2 m under its warning level) in slow waves; about
 * once in 25 days per station a flood wave crests above the warning level (not the guarantee level), with a
 * burst of rain while it rises.
 */
export function waterLevel(device: SimDevice, t: number): Values {
  const s = seedOf(device.code);
  const warning = levelAttr(device, 'warning_level') ?? 35;
  const guarantee = levelAttr(device, 'guarantee_level') ?? warning + 1.5;
  const usual = warning - 2;
  let level =
    usual +
    0.25 * smooth(s, L.level, t, 3 * HOUR) +
    0.08 * smooth(s, L.level + 100, t, 40 * MINUTE) +
    0.01 * normal(s, L.level, Math.floor(t / MINUTE));
  let rainfall = districtRain(t) * (0.7 + 0.6 * unit(s, L.rain));
  const flood = episode(s, L.flood, t, DAY, 0.04, 3 * HOUR, 8 * HOUR);
  if (flood) {
    const crest = Math.min(guarantee - 0.15, warning + 0.1 + 0.5 * unit(s, L.flood, flood.index, 3));
    level += (crest - usual) * Math.sin(Math.PI * flood.progress);
    if (flood.progress < 0.5)
      rainfall += (25 + 25 * unit(s, L.flood, flood.index, 4)) * Math.sin(2 * Math.PI * flood.progress);
  }
  return { level: round(clamp(level, 0, 200), 2), rainfall: round(clamp(rainfall, 0, 500), 1) };
}

/**
 * 工地扬尘: PM10 by the hour (work raises it by day), now and then over 150 µg/m³ for 20–60 minutes (about one
 * site in 120 an hour); noise by the hour with rarer loud spells over 85 dB.
 */
export function dust(device: SimDevice, t: number): Values {
  const s = seedOf(device.code);
  const hour = chinaHour(t);
  const working = hour >= 7 && hour < 19;
  let pm10 =
    (working ? 60 + 50 * unit(s, L.dust) : 30 + 25 * unit(s, L.dust)) +
    15 * smooth(s, L.dust, t, 15 * MINUTE);
  const dusty = episode(s, L.dust + 100, t, HOUR, 0.008, 20 * MINUTE, HOUR);
  if (dusty) pm10 += 110 + 140 * unit(s, L.dust + 100, dusty.index, 3);
  let noise =
    (working ? 62 + 8 * unit(s, L.noise) : 46 + 6 * unit(s, L.noise)) +
    2 * normal(s, L.noise, Math.floor(t / MINUTE));
  const loud = episode(s, L.loud, t, HOUR, 0.004, 12 * MINUTE, 30 * MINUTE);
  if (loud) noise = 87 + 8 * unit(s, L.loud, loud.index, 3);
  return { pm10: round(clamp(pm10, 0, 3000), 1), noise: round(clamp(noise, 20, 140), 1) };
}

const provinces: readonly (readonly [string, string, number])[] = [
  ['湘', 'ABCDEFGHJKLMNU', 80],
  ['鄂', 'ABCDEFGHJ', 5],
  ['赣', 'ABCDEFG', 4],
  ['粤', 'ABCDEFS', 4],
  ['桂', 'ABCDE', 2],
  ['豫', 'ABCDEF', 2],
  ['川', 'ABCDEF', 2],
  ['黔', 'ABCDE', 1],
];
const provinceWeight = provinces.reduce((sum, p) => sum + p[2], 0);
const plateLetters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A truck's plate like 湘A·12345 (sometimes with a letter among the five). */
export function truckPlate(seed: number, n: number): string {
  let x = unit(seed, L.truck, n, 10) * provinceWeight;
  let [province, cities] = provinces[0]!;
  for (const [name, letters, weight] of provinces) {
    [province, cities] = [name, letters];
    x -= weight;
    if (x < 0) break;
  }
  const city = cities[Math.floor(unit(seed, L.truck, n, 11) * cities.length)]!;
  let tail = '';
  for (let i = 0; i < 5; i++) {
    const letter = i === 1 && unit(seed, L.truck, n, 12) < 0.3;
    tail += letter
      ? plateLetters[Math.floor(unit(seed, L.truck, n, 20 + i) * plateLetters.length)]
      : String(Math.floor(unit(seed, L.truck, n, 20 + i) * 10));
  }
  return `${province}${city}·${tail}`;
}

/**
 * 治超检测站: the truck passing at `t` (one per second of time at most): plate, axles 2–6, gross weight mostly
 * under its GB 1589 limit, one truck in 1000 over it by more than 5 % (a case each), a few just over (within
 * the weighing tolerance), speed.
 */
export function wim(device: SimDevice, t: number): Values {
  const s = seedOf(device.code);
  const n = Math.floor(t / 1000);
  const a = unit(s, L.truck, n, 1);
  const axles = a < 0.25 ? 2 : a < 0.4 ? 3 : a < 0.55 ? 4 : a < 0.65 ? 5 : 6;
  const limit = grossLimits[axles]!;
  const w = unit(s, L.truck, n, 2);
  const share =
    w < 0.001
      ? 1.06 + unit(s, L.truck, n, 3) * 0.5
      : w < 0.01
        ? 1 + unit(s, L.truck, n, 3) * 0.04
        : 0.3 + unit(s, L.truck, n, 3) * 0.68;
  return {
    plate: truckPlate(s, n),
    axles,
    gross_weight: round(limit * share, 2),
    speed: round(30 + unit(s, L.truck, n, 4) * 55, 1),
  };
}

/** The generators by profile code; a profile without one (gateway) sends no telemetry of its own. */
export const generators: Record<string, (device: SimDevice, t: number) => Values> = {
  lamppost,
  manhole,
  water_level: waterLevel,
  dust,
  wim,
};

/** The values of `device` of `profileCode` at `at`, or null when the profile has no generator. */
export function simulatedValues(profileCode: string, device: SimDevice, at: Date): Values | null {
  const generate = generators[profileCode];
  return generate ? generate(device, at.getTime()) : null;
}
