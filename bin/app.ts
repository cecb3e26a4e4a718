#!/usr/bin/env node
// The CDK app (`npx cdk synth`): see lib/app/main.ts.
import { main } from '../lib/app/main';

main();
