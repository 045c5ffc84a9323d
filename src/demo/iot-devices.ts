/**
 * The demo district's sensing devices (感知设备): smart lampposts and manhole covers fitted to 城管's city
 * components, 水利局's water-level stations with their warning and guarantee levels, a dust monitor at each of
 * 住建局's construction sites, 交通运输局's weigh-in-motion stations on the district's roads, and a few gateways.
 * Codes start with `WC-`, which is how the built-in simulator finds them.
 */
import { dateOfDay, dayNumber } from './days.ts';
import { type District, pointNear, type Subdistrict } from './places.ts';
import { createRandom, type Random } from './random.ts';
import { waterStations } from './water-levels.ts';

/** The code prefix of the demo's devices (the simulator drives the devices with it). */
export const DEMO_DEVICE_PREFIX = 'WC-';

/** A device to register: as the device registry takes it, with the owning department by code. */
export type DemoDevice = {
  code: string;
  profileCode: string;
  name: string;
  lng: number;
  lat: number;
  department: string;
  componentCode?: string;
  installedOn: string;
  attributes?: Record<string, unknown>;
};

/** A city component of the registry a device can be fitted to. */
export type ComponentPoint = {
  code: string;
  subclass: string;
  lng: number;
  lat: number;
  subdistrict: string;
};

/** A construction site (from 住建局's file). */
export type SitePoint = { code: string; name: string; lng: number; lat: number };

/** How many of each the demo registers (water stations: all of water-levels.ts; dust monitors: one a site). */
export const demoDeviceCounts = { lamppost: 200, manhole: 200, wim: 20, gateway: 3 };

/** The manhole cover subclasses of the demo's components, and who answers for the covers of each. */
export const coverDepartments: Record<string, string> = {
  污水井盖: 'CGJ',
  雨水井盖: 'CGJ',
  // Covers of the water company's mains: 水利局 oversees water supply.
  上水井盖: 'SLJ',
  // Power, telecom and gas covers belong to companies; on the street 城管 watches them.
  电力井盖: 'CGJ',
  通信井盖: 'CGJ',
  燃气井盖: 'CGJ',
};

const pad = (n: number, width = 4) => String(n).padStart(width, '0');

/** Installed some time in the two years before `asOf`. */
const installed = (random: Random, asOf: string) => dateOfDay(dayNumber(asOf) - random.between(30, 720));

/**
 * Plans the demo's devices: fitted to `components` (路灯 and 井盖 subclasses) while they last, the rest placed in
 * the district's subdistricts; one monitor per site. Same inputs and seed, same plan.
 */
export function planDemoDevices(args: {
  seed: number;
  district: District;
  components: readonly ComponentPoint[];
  sites: readonly SitePoint[];
  asOf: string;
}): DemoDevice[] {
  const { district, asOf } = args;
  const random = createRandom(args.seed, 'iot_devices');
  const byName = new Map(district.subdistricts.map((s) => [s.name, s]));
  const devices: DemoDevice[] = [];
  /** A subdistrict and a point in it: the component's when fitted to one. */
  const place = (component?: ComponentPoint): { s: Subdistrict; point: [number, number] } => {
    const s = (component && byName.get(component.subdistrict)) || district.pickSubdistrict(random);
    return { s, point: component ? [component.lng, component.lat] : pointNear(random, district, s.centre) };
  };

  const lamps = args.components.filter((c) => c.subclass === '路灯');
  for (let i = 0; i < demoDeviceCounts.lamppost; i++) {
    const component = lamps[i];
    const { s, point } = place(component);
    devices.push({
      code: `${DEMO_DEVICE_PREFIX}LD-${pad(i + 1)}`,
      profileCode: 'lamppost',
      name: `${random.pick(s.roads)}智慧灯杆${pad(i + 1)}`,
      lng: point[0],
      lat: point[1],
      department: 'CGJ',
      ...(component && { componentCode: component.code }),
      installedOn: installed(random, asOf),
    });
  }

  const covers = args.components.filter((c) => coverDepartments[c.subclass]);
  for (let i = 0; i < demoDeviceCounts.manhole; i++) {
    const component = covers[i];
    const { s, point } = place(component);
    devices.push({
      code: `${DEMO_DEVICE_PREFIX}JG-${pad(i + 1)}`,
      profileCode: 'manhole',
      name: `${random.pick(s.roads)}${component?.subclass ?? '井盖'}${pad(i + 1)}`,
      lng: point[0],
      lat: point[1],
      department: component ? coverDepartments[component.subclass]! : 'CGJ',
      ...(component && { componentCode: component.code }),
      installedOn: installed(random, asOf),
    });
  }

  for (const station of waterStations) {
    // A station stands in the subdistrict or town it is named after, where there is one.
    const stem = station.name.replace(/(河口)?站$/, '');
    const s =
      district.subdistricts.find((d) => d.name.startsWith(stem.slice(0, 2))) ??
      district.pickSubdistrict(random);
    const [lng, lat] = pointNear(random, district, s.centre);
    devices.push({
      code: `${DEMO_DEVICE_PREFIX}SW-${station.code}`,
      profileCode: 'water_level',
      name: `${station.river}${station.name}`,
      lng,
      lat,
      department: 'SLJ',
      installedOn: installed(random, asOf),
      attributes: {
        warning_level: station.warning,
        // The guarantee level (保证水位), the highest the embankments are built to hold: above the warning level.
        guarantee_level: Math.round((station.warning + 1.5) * 100) / 100,
      },
    });
  }

  for (const [i, site] of args.sites.entries())
    devices.push({
      code: `${DEMO_DEVICE_PREFIX}YC-${pad(i + 1)}`,
      profileCode: 'dust',
      name: `${site.name}扬尘监测`,
      lng: site.lng,
      lat: site.lat,
      department: 'ZJJ',
      installedOn: installed(random, asOf),
    });

  const roads = new Set<string>();
  for (let i = 0; i < demoDeviceCounts.wim; i++) {
    const s = district.pickSubdistrict(random);
    let road = random.pick(s.roads);
    if (roads.has(road)) road = `${road}${random.pick(['东段', '西段', '北段', '南段'])}`;
    roads.add(road);
    const [lng, lat] = pointNear(random, district, s.centre);
    devices.push({
      code: `${DEMO_DEVICE_PREFIX}ZC-${pad(i + 1)}`,
      profileCode: 'wim',
      name: `${road}不停车治超检测站`,
      lng,
      lat,
      department: 'JTYSJ',
      installedOn: installed(random, asOf),
    });
  }

  for (let i = 0; i < demoDeviceCounts.gateway; i++) {
    const s = district.subdistricts[i % district.subdistricts.length]!;
    const [lng, lat] = pointNear(random, district, s.centre);
    devices.push({
      code: `${DEMO_DEVICE_PREFIX}WG-${pad(i + 1, 2)}`,
      profileCode: 'gateway',
      name: `${s.name}物联网关`,
      lng,
      lat,
      department: 'CGJ',
      installedOn: installed(random, asOf),
    });
  }
  return devices;
}
