// No integration tests: this project is pure (its int tier finds nothing, on purpose).
module.exports = require('../../jest.preset.cjs').forProject(__dirname, { withoutTests: ['int'] });
