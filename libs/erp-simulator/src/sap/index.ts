// The sap simulator module; see simulator-module.ts.
export {};
