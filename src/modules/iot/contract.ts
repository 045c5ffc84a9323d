// The iot module's HTTP contract: each area's schemas, re-exported.
export { deviceStatuses, severities } from './ports.ts';
