const base = require('../../jest.preset.cjs').forProject(__dirname);

// /docs serves Swagger UI through @fastify/static, which requires content-disposition, an
// ESM-only package; jest on Node 20 compiles it to CommonJS like the preset's ESM list.
const extraEsmOnly = ['content-disposition'];
module.exports = {
  ...base,
  transformIgnorePatterns: base.transformIgnorePatterns.map((pattern) =>
    pattern.replace('(?!(', `(?!(${extraEsmOnly.join('|')}|`),
  ),
};
