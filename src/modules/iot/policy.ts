/**
 * Who may do what with devices and alarms. The center (administrators, stewards) registers devices for any
 * department and edits profiles and rules; a department's users see and manage their own department's devices and
 * alarms; leaders and 12345 operators read everything (the IOC and the desk watch the whole district).
 */
import type { Role } from '../../core/context.ts';
import { holds, isCenterStaff, type Subject } from '../../core/policy.ts';

const wholeDistrict = ['admin', 'steward', 'leader', 'operator'] as const satisfies readonly Role[];

export const iotPolicy = {
  /** Open the device and alarm pages (each sees what `mayRead` allows). */
  read: [...wholeDistrict, 'department_user'] as const satisfies readonly Role[],
  /** Register, edit, retire devices and rotate their tokens (a department user: its own department's). */
  manage: ['admin', 'steward', 'department_user'] as const satisfies readonly Role[],
  /** Acknowledge and clear alarms (a department user: on its own devices). */
  handleAlarms: ['admin', 'steward', 'operator', 'department_user'] as const satisfies readonly Role[],
  /** Edit profiles and rules of profiles. */
  configure: ['admin', 'steward'] as const satisfies readonly Role[],
};

/** Whether the subject sees every department's devices. */
export function seesWholeDistrict(subject: Subject): boolean {
  return holds(subject, wholeDistrict);
}

/** Whether the subject may read a device of `departmentId`. */
export function mayReadDevice(subject: Subject, departmentId: number): boolean {
  return (
    seesWholeDistrict(subject) ||
    (holds(subject, ['department_user']) && subject!.departmentId === departmentId)
  );
}

/** Whether the subject may change a device of `departmentId` (or register one for it). */
export function mayManageDevice(subject: Subject, departmentId: number): boolean {
  return (
    isCenterStaff(subject) || (holds(subject, ['department_user']) && subject!.departmentId === departmentId)
  );
}

/** Whether the subject may acknowledge or clear an alarm of a device of `departmentId`. */
export function mayHandleAlarm(subject: Subject, departmentId: number): boolean {
  return holds(subject, ['admin', 'steward', 'operator']) || mayManageDevice(subject, departmentId);
}
