/**
 * The demo district (望城区): departmental files with realistic faults, generated deterministically from a seed,
 * and loaded through aggregation into the base registries. Used by `onecity demo`, by the first start of
 * `serve`, and by bench/registry at full scale.
 */

export type { FaultCount, FaultName } from './faults.ts';
export { faultRates } from './faults.ts';
export { loadDemoOnFirstStart } from './first-start.ts';
export {
  DEMO_AS_OF,
  DEMO_SEED,
  type DemoScale,
  type DemoSizes,
  demoScales,
  type GeneratedDemo,
  type GeneratedFile,
  generateDemo,
} from './generate.ts';
export { DEMO_DEVICE_PREFIX } from './iot-devices.ts';
export type { DemoLicense } from './licenses.ts';
export { type LoadedBatch, type LoadedDemo, loadDemo } from './load-demo.ts';
