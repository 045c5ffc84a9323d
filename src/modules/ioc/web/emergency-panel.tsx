import type { IncidentView } from '../contract.ts';

/**
 * The screen's emergency-mode panel: the incident, what is near, the linked cases and alarms with their timeline,
 * the responsible departments (TODO(skeleton): built by the incidents area; the screen page mounts it).
 */
export function EmergencyPanel(_props: { view: IncidentView }) {
  return null;
}
