// No integration tests: contracts are pure data and codecs; the catalog against the real
// registry is tested where the registry client lives (libs/messaging).
module.exports = require('../../jest.preset.cjs').forProject(__dirname, { withoutTests: ['int'] });
