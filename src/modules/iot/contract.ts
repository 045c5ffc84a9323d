// The iot module's HTTP contract: each area's schemas, re-exported.

export * from './devices/contract.ts';
export { deviceStatuses, severities } from './ports.ts';
