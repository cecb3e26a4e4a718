#!/usr/bin/env node
// CLI entry: the compiled CLI of the installed package (dist/), or — in a checkout of the repository — the
// TypeScript sources through the tsx loader.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '..', 'dist', 'lib', 'cli', 'main.js');
const source = join(__dirname, '..', 'lib', 'cli', 'main.ts');
let entry = compiled;
if (existsSync(source) || !existsSync(compiled)) {
  require('tsx/cjs');
  entry = source;
}
require(entry)
  .main(process.argv)
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`hipaa-baseline: internal error: ${error && error.message ? error.message : error}\n`);
      if (process.env.HIPAA_BASELINE_DEBUG) process.stderr.write(`${error && error.stack}\n`);
      process.exitCode = 2;
    },
  );
