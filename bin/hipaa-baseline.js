#!/usr/bin/env node
// CLI entry: registers the TypeScript loader, then runs lib/cli/main.ts.
'use strict';
require('tsx/cjs');
require('../lib/cli/main.ts')
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
