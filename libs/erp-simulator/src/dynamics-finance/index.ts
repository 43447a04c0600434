// The dynamics-finance simulator module; see simulator-module.ts.
export {};
