// Test helpers only; the connectors' integration tests exercise them.
module.exports = require('../../jest.preset.cjs').forProject(__dirname, {
  withoutTests: ['unit', 'int'],
});
