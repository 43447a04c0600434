module.exports = require('../jest.preset.cjs').forProject(__dirname, { withoutTests: ['int'] });
