import type { Incident } from '../contract.ts';

/**
 * The duty officer's switch on the screen: start an incident (title, place picked on the map or typed, radius,
 * linked cases and alarms) or end the open one, each after a confirmation (TODO(skeleton): built by the incidents
 * area; the screen page mounts it for those allowed by iocPolicy.emergency). `pick` is a point the officer clicked
 * on the map, if any.
 */
export function EmergencyControl(_props: {
  current: Incident | null;
  pick: { lng: number; lat: number } | null;
}) {
  return null;
}
