// The business-central simulator module; see simulator-module.ts.
export {};
