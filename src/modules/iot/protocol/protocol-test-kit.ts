// Test support for the device API: what reached telemetry storage, and mosquitto_pub as a device runs it.
import { execFile } from 'node:child_process';
import type { BadReason, DeviceRef, Point } from '../ports.ts';
import type { TelemetryService } from '../telemetry/service.ts';

/**
 * Records every batch handed to `telemetry.store` and every bad value counted, passing them on to the real service
 * (the protocol service holds this same object, so what it hands over passes through here).
 */
export function observeTelemetry(telemetry: TelemetryService) {
  const stored: { points: Point[]; devices: DeviceRef[] }[] = [];
  const bad: { deviceCode: string; reason: BadReason; sample: string }[] = [];
  const store = telemetry.store.bind(telemetry);
  const countBad = telemetry.countBad.bind(telemetry);
  telemetry.store = async (points, devices) => {
    stored.push({ points, devices });
    await store(points, devices);
  };
  telemetry.countBad = (device, reason, sample) => {
    bad.push({ deviceCode: device.code, reason, sample });
    countBad(device, reason, sample);
  };
  return {
    stored,
    bad,
    /** Every point stored, with its device's code. */
    points() {
      return stored.flatMap((s) =>
        s.points.map((p) => ({ ...p, code: s.devices.find((d) => d.id === p.deviceId)?.code })),
      );
    },
  };
}

/** Runs mosquitto_pub; resolves to its exit code and output. */
export function mosquittoPub(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('/usr/bin/mosquitto_pub', args, { timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}
