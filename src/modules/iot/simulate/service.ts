/**
 * The built-in simulator: the demo district's devices send readings in-process, through the same path a payload
 * from the broker takes (`protocol.accept`), minus the network. Each device reports every so often (by profile,
 * jittered so they do not all send at once), at most `maxPerSecond` payloads a second in all.
 */
import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import type { Logger } from '../../../core/logger.ts';
import type { DeviceService } from '../devices/service.ts';
import type { DeviceRef } from '../ports.ts';
import type { ProtocolService } from '../protocol/service.ts';
import { simulatedValues } from './generators.ts';
import { type DeviceInput, registerDevices } from './register.ts';
import * as repo from './repository.ts';

export type SimulatorDeps = {
  db: Db;
  devices: Pick<DeviceService, 'registerMany'>;
  protocol: Pick<ProtocolService, 'accept'>;
  logger: Logger;
  now: () => Date;
};

/** What to simulate: the devices whose code starts with `codePrefix`. */
export type SimulatorOptions = {
  codePrefix: string;
  /** Seconds between two payloads of one device; by default each profile's own (20–60 s). */
  everySeconds?: number;
  /** The most payloads sent in one second (the rest wait for the next). */
  maxPerSecond?: number;
};

/** Seconds between a device's payloads, by profile: trucks pass more often than covers report. */
export const reportEvery: Record<string, number> = {
  lamppost: 60,
  manhole: 60,
  water_level: 60,
  dust: 30,
  wim: 20,
};

const TICK_MS = 250;
const RELOAD_MS = 10 * 60_000;

type Scheduled = { device: DeviceRef; everyMs: number; nextAt: number };

/** Creates the simulator (stopped). */
export function createSimulatorService(deps: SimulatorDeps) {
  let scheduled: Scheduled[] = [];
  let timer: NodeJS.Timeout | undefined;
  let reloader: NodeJS.Timeout | undefined;
  let busy = false;
  let options: SimulatorOptions | undefined;
  const counts = { sent: 0, accepted: 0, rejected: 0, failed: 0 };

  /** Reads the devices again, keeping the schedule of those already known. */
  async function load(): Promise<number> {
    if (!options) return 0;
    const known = new Map(scheduled.map((s) => [s.device.code, s]));
    const now = Date.now();
    scheduled = (await repo.listByCodePrefix(deps.db, options.codePrefix))
      .filter((device) => reportEvery[device.profileCode] !== undefined)
      .map((device) => {
        const everyMs = (options?.everySeconds ?? reportEvery[device.profileCode]!) * 1000;
        // A device first reports at a random moment of its period, so the district does not send in step.
        return { device, everyMs, nextAt: known.get(device.code)?.nextAt ?? now + Math.random() * everyMs };
      });
    return scheduled.length;
  }

  /** Sends one payload for each device that is due, within this tick's share of the rate; returns how many. */
  async function tick(): Promise<number> {
    if (busy) return 0; // the last tick's payloads are still being taken: do not pile up
    busy = true;
    try {
      const now = Date.now();
      const budget = Math.max(1, Math.floor(((options?.maxPerSecond ?? 300) * TICK_MS) / 1000));
      const due = scheduled.filter((s) => s.nextAt <= now).slice(0, budget);
      const at = deps.now();
      await Promise.all(
        due.map(async (s) => {
          s.nextAt = now + s.everyMs * (0.9 + Math.random() * 0.2);
          const values = simulatedValues(s.device.profileCode, s.device, at);
          if (!values) return;
          counts.sent++;
          try {
            const result = await deps.protocol.accept(s.device, 'telemetry', JSON.stringify(values));
            counts.accepted += result.accepted;
            counts.rejected += result.rejected;
          } catch (err) {
            counts.failed++;
            if (counts.failed % 1000 === 1)
              deps.logger.warn({ err, device: s.device.code }, 'simulated payload failed');
          }
        }),
      );
      return due.length;
    } finally {
      busy = false;
    }
  }

  return {
    /** Registers devices to simulate (codes already taken are left alone); returns the new ones' tokens. */
    register: (ctx: Ctx, inputs: DeviceInput[]) => registerDevices(deps, ctx, inputs),

    /** Starts simulating the devices `options` selects; resolves to how many. Starting again restarts. */
    async start(next: SimulatorOptions): Promise<{ devices: number }> {
      this.stop();
      options = next;
      scheduled = [];
      const devices = await load();
      timer = setInterval(() => {
        tick().catch((err) => deps.logger.warn({ err }, 'simulator tick failed'));
      }, TICK_MS);
      timer.unref();
      // Devices registered or retired meanwhile join or leave.
      reloader = setInterval(() => {
        load().catch((err) => deps.logger.warn({ err }, 'simulator reload failed'));
      }, RELOAD_MS);
      reloader.unref();
      deps.logger.info({ devices, prefix: next.codePrefix }, 'simulator started');
      return { devices };
    },

    /** Stops sending. */
    stop() {
      if (timer) clearInterval(timer);
      if (reloader) clearInterval(reloader);
      timer = reloader = undefined;
      options = undefined;
    },

    /** Whether it is running. */
    running: () => timer !== undefined,

    /** Payloads sent so far, values accepted and rejected, payloads that failed. */
    counts: () => ({ ...counts }),
  };
}
export type SimulatorService = ReturnType<typeof createSimulatorService>;
