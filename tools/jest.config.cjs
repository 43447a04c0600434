// Only the specs of tools/ itself: its subfolders with a project.json are projects of their own.
const base = require('../jest.preset.cjs').forProject(__dirname, { withoutTests: ['int'] });
module.exports = {
  ...base,
  testMatch: base.testMatch.map((pattern) => `<rootDir>/${pattern.replace('**/', '')}`),
};
