/** The demo district's sizes at each scale. */

export type DemoScale = 'small' | 'full';
/**
 * How much of everything to make; `licenses` is how many e-licenses to issue; water levels are read
 * `readingsPerDay` times a day (1 to 24) at each station for `waterDays` days.
 */
export type DemoSizes = {
  people: number;
  companies: number;
  components: number;
  licenses: number;
  schools: number;
  sites: number;
  waterDays: number;
  readingsPerDay: number;
  /** 12345 cases over the year before the demo loads (plus a few open in every state). */
  cases: number;
};

/**
 * The two scales: `small` loads on first start within seconds, `full` is the whole district. Licenses stay a
 * small share at full scale: each is signed with SM2 (milliseconds apiece), so 20,000 take minutes already.
 */
export const demoScales: Record<DemoScale, DemoSizes> = {
  small: {
    people: 5_000,
    companies: 500,
    components: 1_000,
    licenses: 300,
    schools: 120,
    sites: 60,
    waterDays: 7,
    readingsPerDay: 4,
    cases: 30_000,
  },
  full: {
    people: 800_000,
    companies: 80_000,
    components: 50_000,
    licenses: 20_000,
    schools: 120,
    sites: 60,
    waterDays: 90,
    readingsPerDay: 24,
    cases: 1_000_000,
  },
};
