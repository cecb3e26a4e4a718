// After each test file: remove the temporary directories it made with test/helpers/temp.ts, and the
// assembly directories aws-cdk-lib made for apps created without an outdir (it would only remove them when
// the process exits, which jest workers do not do gracefully).
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { removeTempDirs } from '../helpers/temp';

afterAll(() => {
  removeTempDirs();
  CloudAssembly.cleanupTemporaryDirectories();
});
