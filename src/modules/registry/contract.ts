/**
 * The registry API (under /api/registry, and /api/public/licenses for verification), shared with the console:
 * the contracts of its areas, each in its folder.
 */
export * from './conflicts/contract.ts';
export * from './entities/contract.ts';
export * from './license/contract.ts';
export * from './objections/contract.ts';
export * from './precedence/contract.ts';
export * from './quality/contract.ts';
export * from './statistics/contract.ts';
