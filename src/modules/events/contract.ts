// The events module's HTTP contract: each area's schemas, shared by server and console.
export * from './cases/contract.ts';
export * from './cases/reporter-contract.ts';
export * from './categories/contract.ts';
export * from './stats/contract.ts';
export * from './warnings/contract.ts';
