// One hub (six processes) per test file is all 2 cores can carry: files run one at a time.
module.exports = { ...require('../jest.preset.cjs').forProject(__dirname), maxWorkers: 1 };
